import type { LocalizedText } from "@/lib/i18n/locales";
import type { Change, Crosswalk, Item, Questionnaire } from "../types";
import {
  ageBand,
  agreement4Descriptive,
  agreement4ReversedV2,
  agreement4v2,
  compared5yV2,
  employmentV2,
  freeText,
  leavePlanV2,
  leaveReason,
  obstacle5v2,
  rating0to10,
  satisfaction4v2,
  sex,
  yearsInTownV2,
} from "../scales";
import { questionnaire2026v1 } from "./2026-1";

/**
 * Questionnaire 2026.2: 2026.1 with the method defects of section A of the December 2026
 * review of the Kazakh and Russian texts fixed (docs/decisions/0013-questionnaire-2026-2.md).
 * Item ids, and so export column names, stay; the one item split in two gets two new ids.
 * `changes` records, per item and per scale, what changed from 2026.1 and in which
 * languages; `comparable()` (lib/survey/comparability.ts) reads it.
 */

const QOL = "EU Quality of Life in European Cities survey";

const text = (kk: string, ru: string, en: string): LocalizedText => ({ kk, ru, en });

const previous = new Map(questionnaire2026v1.items.map((item) => [item.id, item]));
function revise(id: string, patch: Partial<Item>): Item {
  const item = previous.get(id);
  if (!item) throw new Error(`2026.1 has no item ${id}`);
  return { ...item, ...patch };
}

/** The item of 2026.1 that named two bodies, split into one item per body. */
const adminServices: Item[] = [
  {
    id: "sat_akimat_services",
    area: "services",
    scaleId: "satisfaction4",
    required: true,
    indicators: [],
    source: QOL,
    text: text(
      "Қалаңыздағы әкімдік көрсететін қызметтерге қаншалықты қанағаттанасыз?",
      "Насколько вы удовлетворены административными услугами акимата вашего города?",
      "How satisfied are you with the administrative services of your town's akimat?",
    ),
  },
  {
    id: "sat_service_centre",
    area: "services",
    scaleId: "satisfaction4",
    required: true,
    indicators: [],
    text: text(
      "Қалаңыздағы халыққа қызмет көрсету орталығының (ХҚКО) қызметтеріне қаншалықты қанағаттанасыз?",
      "Насколько вы удовлетворены услугами центра обслуживания населения (ЦОН) в вашем городе?",
      "How satisfied are you with the services of the public service centre (TsON) in your town?",
    ),
  },
];

const revisions: Record<string, Item[]> = {
  sat_admin_services: adminServices,
  sat_water_supply: [
    revise("sat_water_supply", {
      text: text(
        "Сумен жабдықтауға (қысым, үзілістер) қаншалықты қанағаттанасыз?",
        "Насколько вы удовлетворены водоснабжением (напор, перебои)?",
        "How satisfied are you with the water supply (pressure, interruptions)?",
      ),
    }),
  ],
  sat_building_condition: [
    revise("sat_building_condition", {
      hint: text(
        "Жеке үйде тұрсаңыз, үйдің шатыры, қабырғалары мен құбырлары туралы жауап беріңіз.",
        "Если вы живёте в частном доме, оцените состояние его крыши, стен и труб.",
        "If you live in a private house, answer about its roof, walls and pipes.",
      ),
      text: text(
        "Үйіңіздің (кіреберіс, шатыр, жертөле, құбырлар) жағдайына қаншалықты қанағаттанасыз?",
        "Насколько вы удовлетворены состоянием вашего дома (подъезд, крыша, подвал, трубы)?",
        "How satisfied are you with the condition of your building (entrance, roof, basement, pipes)?",
      ),
    }),
  ],
  agree_pollution_harms_health: [
    revise("agree_pollution_harms_health", {
      text: text(
        "Менің қаламдағы өнеркәсіптік ластану тұрғындардың денсаулығына зиян келтіреді.",
        "Промышленное загрязнение в моём городе вредит здоровью жителей.",
        "Industrial pollution in my town harms residents' health.",
      ),
    }),
  ],
  agree_economy_confident: [
    revise("agree_economy_confident", {
      text: text(
        "Қаламның экономикалық болашағына сенімдімін.",
        "Я уверен(а) в экономическом будущем моего города.",
        "I am confident about the economic future of my town.",
      ),
    }),
  ],
  agree_depend_enterprise: [revise("agree_depend_enterprise", { scaleId: "agreement4Descriptive" })],
  employment: [
    revise("employment", {
      hint: text(
        "Бірнешеуі сәйкес келсе, негізгісін таңдаңыз. Қала құраушы кәсіпорын мемлекеттік болса да, соны таңдаңыз. Кәсіпкерлер мен өзін-өзі жұмыспен қамтығандарға бизнес туралы бірнеше сұрақ қойылады.",
        "Если подходит несколько вариантов, выберите основной. Если вы работаете на градообразующем предприятии, выберите его, даже если оно государственное. Предпринимателям и самозанятым зададим несколько вопросов о бизнесе.",
        "If several apply, choose the main one. If you work at the town-forming enterprise, choose it even if the state owns it. Business owners and the self-employed get a few questions about doing business.",
      ),
    }),
  ],
  obstacle_finance: [
    revise("obstacle_finance", {
      text: text(
        "Қаржыға (несиеге) қол жеткізу ісіңізге қаншалықты кедергі?",
        "Насколько доступ к финансированию (кредитам) является препятствием для вашего дела?",
        "How much of an obstacle is access to finance (loans) to your business?",
      ),
    }),
  ],
  obstacle_procurement: [
    revise("obstacle_procurement", {
      text: text(
        "Мемлекеттік сатып алуларға қол жеткізу ісіңізге қаншалықты кедергі?",
        "Насколько доступ к госзакупкам является препятствием для вашего дела?",
        "How much of an obstacle is access to public procurement to your business?",
      ),
    }),
  ],
  agree_corruption_akimat: [
    revise("agree_corruption_akimat", {
      text: text(
        "Жергілікті әкімдікте сыбайлас жемқорлық бар.",
        "В местном акимате есть коррупция.",
        "There is corruption in my local administration (akimat).",
      ),
    }),
  ],
  plan_leave_2y: [
    revise("plan_leave_2y", {
      text: text(
        "Алдағы екі жылда қаладан көшіп кетуді жоспарлап отырсыз ба?",
        "Планируете ли вы переехать из города насовсем в ближайшие два года?",
        "Do you plan to move away from the town within the next two years?",
      ),
    }),
  ],
  leave_reason: [
    revise("leave_reason", {
      text: text(
        "Неге көшіп кетуді жоспарлап отырсыз? Басты себебін таңдаңыз.",
        "Почему вы планируете переехать? Выберите главную причину.",
        "Why do you plan to move away? Choose the main reason.",
      ),
    }),
  ],
  agree_satisfied_live: [
    revise("agree_satisfied_live", {
      text: text(
        "Мен өз қаламда тұратыныма қанағаттанамын.",
        "Я доволен (довольна) тем, что живу в своём городе.",
        "I am satisfied to live in my town.",
      ),
    }),
  ],
  compared_5y: [
    revise("compared_5y", {
      text: text(
        "Соңғы бес жылда қалаңыздағы өмір сапасы жақсарды ма, өзгерген жоқ па, әлде нашарлады ма?",
        "Как изменилось качество жизни в вашем городе за последние пять лет: улучшилось, не изменилось или ухудшилось?",
        "Over the last five years, has the quality of life in your town got better, stayed the same or got worse?",
      ),
    }),
  ],
  years_in_town: [
    revise("years_in_town", {
      hint: text(
        "Туғаннан бері осында тұрсаңыз, жасыңызға қарамастан «Туғаннан бері» деп таңдаңыз. Кетіп, қайта оралсаңыз, оралғаннан бергі жылдарды санаңыз.",
        "Если вы живёте здесь с рождения, выберите «С рождения», сколько бы вам ни было лет. Если вы уезжали и вернулись, считайте годы с возвращения.",
        "If you have lived here since birth, choose \u201cSince birth\u201d, whatever your age. If you left and came back, count the years since you came back.",
      ),
    }),
  ],
};

const items: Item[] = questionnaire2026v1.items.flatMap((item) => revisions[item.id] ?? [item]);

const wording = (languages: Change["languages"], note: LocalizedText, review: number[]): Change => ({ kind: "wording", languages, note, review });
const question = (languages: Change["languages"], note: LocalizedText, review: number[]): Change => ({ kind: "question", languages, note, review });

const dontKnowChange = wording(
  ["ru"],
  text(
    "Орысша «Затрудняюсь ответить» орнына қазақша мен ағылшынша сияқты «Не знаю»; салыстырылады.",
    "«Не знаю» вместо «Затрудняюсь ответить», как в казахском и английском; сравнивается.",
    "Russian \u201cdon't know\u201d now says \u00abНе знаю\u00bb (was \u201chard to say\u201d), as in Kazakh and English; still compared.",
  ),
  [2],
);

const changes: NonNullable<Questionnaire["changes"]> = {
  from: "2026.1",
  scales: {
    satisfaction4: [
      wording(
        ["kk"],
        text(
          "Қазақша ең жоғары жауап «Толығымен» емес, орысша мен ағылшынша сияқты «Өте қанағаттанамын» болды; салыстырылады.",
          "Верхний вариант по-казахски теперь «Өте қанағаттанамын» («очень»), как по-русски и по-английски; сравнивается.",
          "Kazakh top point now \u00abӨте қанағаттанамын\u00bb (\u201cvery\u201d, was \u201ccompletely\u201d), as in Russian and English; still compared.",
        ),
        [1],
      ),
      dontKnowChange,
    ],
    agreement4: [dontKnowChange],
    agreement4Reversed: [dontKnowChange],
    // The dependence item moved to this scale from agreement4Reversed: its "don't know" changed too.
    agreement4Descriptive: [dontKnowChange],
    compared5y: [dontKnowChange],
    leavePlan: [
      dontKnowChange,
      wording(
        ["kk", "ru", "en"],
        text("«Иә» енді «Жоқ»-тан бұрын тұр; кодтар өзгерген жоқ; салыстырылады.", "«Да» теперь стоит перед «Нет»; коды прежние; сравнивается.", "\u201cYes\u201d now comes before \u201cNo\u201d; codes unchanged; still compared."),
        [18],
      ),
    ],
    obstacle5: [
      dontKnowChange,
      wording(
        ["kk", "ru"],
        text("0 кодының жазылуы түзетілді («Кедергі жоқ»), мағынасы өзгерген жоқ; салыстырылады.", "Вариант 0 сформулирован по-русски естественно («Не является препятствием»), смысл прежний; сравнивается.", "Code 0 reworded idiomatically in Kazakh and Russian, same meaning; still compared."),
        [14],
      ),
    ],
  },
  items: {
    sat_akimat_services: [
      question(["kk", "ru", "en"], text("Жаңа сұрақ: 2026.1 sat_admin_services сұрағы екіге бөлінді (әкімдік / ХҚКО); салыстырылмайды.", "Новый вопрос: sat_admin_services версии 2026.1 разделён на два (акимат / ЦОН); не сравнивается.", "New item: 2026.1 sat_admin_services split in two (akimat / service centre); not compared."), [4]),
    ],
    sat_service_centre: [
      question(["kk", "ru", "en"], text("Жаңа сұрақ: 2026.1 sat_admin_services сұрағы екіге бөлінді (әкімдік / ХҚКО); салыстырылмайды.", "Новый вопрос: sat_admin_services версии 2026.1 разделён на два (акимат / ЦОН); не сравнивается.", "New item: 2026.1 sat_admin_services split in two (akimat / service centre); not compared."), [4]),
    ],
    sat_water_supply: [
      question(["kk", "ru", "en"], text("«Сапа» алынып тасталды (ол sat_tap_water_quality сұрағында); сұрақ өзгерді, салыстырылмайды.", "Убрано «качество» (его измеряет sat_tap_water_quality); вопрос изменён, не сравнивается.", "\u201cQuality\u201d dropped (sat_tap_water_quality asks it); question changed, not compared."), [5]),
    ],
    sat_building_condition: [
      wording(["kk"], text("Қазақша «ортақ бөліктер» емес, орысша мен ағылшынша сияқты «үйіңіз»; «подъезд» орнына «кіреберіс»; салыстырылады.", "Казахский текст теперь о доме, как русский и английский (был об «общих частях»); сравнивается.", "Kazakh now asks about \u201cyour building\u201d like Russian and English (was \u201cits common parts\u201d); still compared."), [15]),
      wording(["ru"], text("Орысша түсініктеме түзетілді; салыстырылады.", "Поправлена подсказка: «оцените состояние его крыши, стен и труб»; сравнивается.", "Russian hint reworded; still compared."), [59]),
    ],
    agree_pollution_harms_health: [
      wording(["kk"], text("Қазақша «Қаламыздағы» емес, «Менің қаламдағы», басқа тілдер сияқты; салыстырылады.", "По-казахски «в моём городе», как в других языках; сравнивается.", "Kazakh \u201cin my town\u201d as in the other languages (was \u201cour town\u201d); still compared."), [37]),
    ],
    agree_economy_confident: [
      wording(["kk"], text("Қазақша мәтін ықшамдалды, мағынасы өзгерген жоқ; салыстырылады.", "Казахский текст упрощён, смысл прежний; сравнивается.", "Kazakh wording simplified, same meaning; still compared."), [37]),
    ],
    agree_depend_enterprise: [
      question([], text("Енді тек үлестірім ретінде көрсетіледі: қолайлы жауап жоқ, салалық бағаға кірмейді; салыстырылмайды.", "Теперь показывается только распределение: благоприятного ответа нет, в оценку направления не входит; не сравнивается.", "Now reported as a distribution only: no favourable answer, in no area score; not compared."), [16]),
    ],
    employment: [
      question(
        ["kk", "ru", "en"],
        text(
          "Жауаптар тізімі толықтырылды (үй шаруасы / бала күтімі демалысы, басқа), 2 «басқа ұйым» болды, 4 «мемлекеттік мекеме»; салыстырылмайды, кодтардың сәйкестігін кодтар кітабынан қараңыз.",
          "Список ответов дополнен (домашнее хозяйство / декрет, другое), 2 — «другая организация», 4 — «госучреждение»; не сравнивается, соответствие кодов — в кодбуке.",
          "Answer list made exhaustive (home or parental leave, other), 2 is now \u201canother organisation\u201d, 4 \u201ca public body\u201d; not compared, see the codebook's crosswalk.",
        ),
        [7, 44, 59],
      ),
    ],
    obstacle_finance: [
      question(["kk", "ru"], text("Қазақша мен орысша «қиындықтар» емес, «қол жеткізу» (ағылшынша мен WBES сияқты); сұрақ өзгерді, салыстырылмайды.", "По-казахски и по-русски «доступ к», а не «трудности с» (как по-английски и в WBES); вопрос изменён, не сравнивается.", "Kazakh and Russian now ask about \u201caccess to\u201d, not \u201cdifficulties with\u201d (as English and WBES); question changed, not compared."), [13]),
    ],
    obstacle_procurement: [
      question(["kk", "ru"], text("Қазақша мен орысша «қиындықтар» емес, «қол жеткізу» (ағылшынша сияқты); сұрақ өзгерді, салыстырылмайды.", "По-казахски и по-русски «доступ к», а не «трудности с» (как по-английски); вопрос изменён, не сравнивается.", "Kazakh and Russian now ask about \u201caccess to\u201d, not \u201cdifficulties with\u201d (as English); question changed, not compared."), [13]),
    ],
    agree_corruption_akimat: [
      question(["kk", "ru", "en"], text("Үш тілде бір күш: «сыбайлас жемқорлық бар» («өзекті мәселе» емес); сұрақ өзгерді, салыстырылмайды.", "Одна сила утверждения во всех языках: «есть коррупция» (было «серьёзная проблема»); вопрос изменён, не сравнивается.", "One strength in all languages: \u201cthere is corruption\u201d (was \u201ca (serious) problem\u201d); question changed, not compared."), [3]),
    ],
    plan_leave_2y: [
      question(["ru", "en"], text("Орысша «уехать» (уақытша кетуді де қамтиды) емес, қазақша сияқты «насовсем переехать»; сұрақ өзгерді, салыстырылмайды.", "По-русски «переехать насовсем» (было «уехать», что включало временный отъезд), как по-казахски; вопрос изменён, не сравнивается.", "Russian now \u201cmove away for good\u201d (was \u201cleave\u201d, which covered temporary absence), as Kazakh; question changed, not compared."), [11]),
    ],
    leave_reason: [
      question(["ru", "en"], text("Алдыңғы сұрақ өзгерді, сондықтан кімге қойылатыны да өзгерді; салыстырылмайды.", "Изменился вопрос, от которого зависит, кому он задаётся; не сравнивается.", "Asked after plan_leave_2y, which changed, so who is asked changed; not compared."), [11]),
    ],
    agree_satisfied_live: [
      wording(["ru"], text("Орысша жазылуы түзетілді («доволен (довольна) тем, что…»), мағынасы өзгерген жоқ; салыстырылады.", "Русская формулировка исправлена («доволен (довольна) тем, что…»), смысл прежний; сравнивается.", "Russian wording corrected, same meaning; still compared."), [59]),
    ],
    compared_5y: [
      question(["kk", "ru", "en"], text("Сұрақ үш тілде қайта жазылды (өзгерісті алдын ала болжамайды); ағылшынша 2 коды «Stayed the same»; салыстырылмайды.", "Вопрос переписан во всех языках (не предполагает изменения); английский вариант 2 — «Stayed the same»; не сравнивается.", "Question rewritten in all languages (no longer presumes a change); English code 2 now \u201cStayed the same\u201d; not compared."), [12]),
    ],
    years_in_town: [
      question(
        ["kk", "ru", "en"],
        text(
          "«Туғаннан бері» жеке код (5) болды, 4 — тек «30 жыл және одан көп»; салыстырылмайды, кодтардың сәйкестігін кодтар кітабынан қараңыз.",
          "«С рождения» — отдельный код (5), 4 — только «30 лет и больше»; не сравнивается, соответствие кодов — в кодбуке.",
          "\u201cSince birth\u201d is its own code (5), 4 is \u201c30 years or more\u201d only; not compared, see the codebook's crosswalk.",
        ),
        [6],
      ),
    ],
  },
  crosswalks: [
    {
      itemId: "employment",
      codes: [
        { from: 1, to: [1] },
        { from: 2, to: [2], note: text("2026.2 кодында мемлекеттік кәсіпорындар мен ҮЕҰ да бар.", "Код 2026.2 включает также госпредприятия и НКО.", "The 2026.2 code also holds state-owned firms and NGOs.") },
        { from: 3, to: [3] },
        { from: 4, to: [4, 2, 1], note: text("Мемлекеттік кәсіпорын қызметкерлері (қала құраушы кәсіпорын да) 2026.1-де 4-ті таңдауы мүмкін еді.", "Работники госпредприятий (в том числе градообразующего) в 2026.1 могли выбрать 4.", "Staff of state-owned firms (the town-forming enterprise among them) may have chosen 4 in 2026.1.") },
        { from: 5, to: [5, 8, 9], note: text("Үй шаруасындағылар мен басқаларда 2026.1-де жеке жауап болмады.", "У ведущих домашнее хозяйство и прочих в 2026.1 не было своего ответа.", "Homemakers and others had no answer of their own in 2026.1.") },
        { from: 6, to: [6, 9], note: text("Мүгедектік бойынша зейнетақы алатындар 6-ны таңдауы мүмкін еді.", "Получатели пенсии по инвалидности могли выбрать 6.", "People on a disability pension may have chosen 6.") },
        { from: 7, to: [7] },
      ],
    },
    {
      itemId: "years_in_town",
      codes: [
        { from: 1, to: [1] },
        { from: 2, to: [2] },
        { from: 3, to: [3, 5], note: text("Туғаннан бері тұратын 18–29 жастағылар 3-ті немесе 4-ті таңдауы мүмкін еді.", "Живущие здесь с рождения в 18–29 лет могли выбрать 3 или 4.", "Lifelong residents aged 18–29 may have chosen 3 or 4.") },
        { from: 4, to: [4, 5], note: text("2026.1 кодында «30 жыл және одан көп» пен «туғаннан бері» бірге болды.", "Код 2026.1 объединял «30 лет и больше» и «всю жизнь».", "The 2026.1 code joined \u201c30 years or more\u201d and \u201call my life\u201d.") },
      ],
    },
  ] satisfies Crosswalk[],
};

export const questionnaire2026v2: Questionnaire = {
  version: "2026.2",
  areas: questionnaire2026v1.areas,
  scales: Object.fromEntries(
    [satisfaction4v2, agreement4v2, agreement4ReversedV2, agreement4Descriptive, obstacle5v2, rating0to10, compared5yV2, leavePlanV2, leaveReason, employmentV2, ageBand, sex, yearsInTownV2, freeText].map((s) => [s.id, s]),
  ),
  items,
  changes,
};
