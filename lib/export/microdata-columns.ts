import { MODES } from "@/lib/fieldwork/mode";
import type { LocalizedText } from "@/lib/i18n/locales";
import { scaleOf } from "@/lib/survey/questionnaire";
import type { Questionnaire } from "@/lib/survey/types";
import type { ExportColumn } from "./types";

const text = (kk: string, ru: string, en: string): LocalizedText => ({ kk, ru, en });
const noYes = [
  { code: 0, label: text("Жоқ", "Нет", "No") },
  { code: 1, label: text("Иә", "Да", "Yes") },
];

/**
 * The microdata's columns in file order: the row's number, town, language, questionnaire
 * version, month, demo flag and mode (a quasi-identifier, blanked where rare), then one column per item in questionnaire order (the
 * quasi-identifiers as disclosure control recoded them). An empty cell means not asked,
 * not answered, or withheld by disclosure control; "don't know" keeps its code.
 */
export function microdataColumns({ questionnaire, towns, quasiColumns, includeText }: {
  questionnaire: Questionnaire;
  towns: ReadonlyArray<{ code: string; name: LocalizedText }>;
  quasiColumns: readonly ExportColumn[];
  includeText: boolean;
}): ExportColumn[] {
  const items = questionnaire.items.flatMap((item): ExportColumn[] => {
    const recoded = quasiColumns.find((column) => column.name === item.id);
    if (recoded) return [recoded];
    if (item.kind === "text") {
      if (!includeText) return [];
      return [
        { name: item.id, type: "string", title: item.text, question: item.text },
        {
          name: `${item.id}_review`,
          type: "integer",
          title: text("Қарап шығу керек", "Требует проверки", "Needs review before publication"),
          question: item.text,
          // Every answer is marked: patterns catch phone numbers, e-mails and long numbers
          // (shown as [removed] in the text), never names or addresses.
          valueLabels: [
            {
              code: 1,
              label: text(
                "Жарияламас бұрын оқып шығыңыз: аты-жөн мен мекенжай автоматты түрде өшірілмейді; өшірілген телефон, e-mail және ұзын сандар [removed] болып тұр",
                "Прочитать перед публикацией: имена и адреса автоматически не удаляются; удалённые телефоны, e-mail и длинные числа заменены на [removed]",
                "Read before publishing: names and addresses are not removed automatically; removed phone numbers, e-mail addresses and long numbers show as [removed]",
              ),
            },
          ],
        },
      ];
    }
    const scale = scaleOf(questionnaire, item);
    const options = scale.options.map((option) => ({ code: option.code, label: option.label }));
    return [
      {
        name: item.id,
        type: "integer",
        title: item.text,
        question: item.text,
        valueLabels: options.filter((option) => !scale.missing.includes(option.code)),
        ...(scale.missing.length > 0 ? { missingValues: options.filter((option) => scale.missing.includes(option.code)) } : {}),
      },
    ];
  });
  return [
    { name: "row", type: "integer", title: text("Жол нөмірі", "Номер строки", "Row number") },
    {
      name: "town",
      type: "string",
      title: text("Қала", "Город", "Town"),
      valueLabels: towns.map((town) => ({ code: town.code, label: town.name })),
    },
    {
      name: "language",
      type: "string",
      title: text("Сауалнама тілі", "Язык анкеты", "Language of the survey"),
      valueLabels: [
        { code: "kk", label: text("Қазақша", "Казахский", "Kazakh") },
        { code: "ru", label: text("Орысша", "Русский", "Russian") },
        { code: "en", label: text("Ағылшынша", "Английский", "English") },
      ],
    },
    { name: "questionnaire_version", type: "string", title: text("Сауалнама нұсқасы", "Версия анкеты", "Questionnaire version") },
    { name: "month", type: "string", title: text("Жауап берілген ай (ЖЖЖЖ-АА)", "Месяц ответа (ГГГГ-ММ)", "Month of the response (YYYY-MM)") },
    { name: "demo", type: "integer", title: text("Демо-деректер", "Демо-данные", "Generated demo data"), valueLabels: noYes },
    {
      name: "mode",
      type: "integer",
      title: text("Жауап жинау тәсілі", "Способ сбора ответа", "Mode of collection"),
      valueLabels: [
        { code: MODES.online, label: text("Онлайн, өз бетімен толтырылған", "Самостоятельно онлайн", "Self-completed online") },
        { code: MODES.faceToFace, label: text("Сұхбаттасушымен бетпе-бет сұхбат", "Личное интервью с интервьюером", "Face-to-face interview by an interviewer") },
      ],
    },
    ...items,
  ];
}
