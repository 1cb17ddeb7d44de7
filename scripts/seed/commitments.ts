import { and, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { commitments, commitmentUpdates, indicators, towns, waves, type NewCommitment } from "@/db/schema";
import type { CommitmentStatus } from "@/lib/commitments/fields";
import type { LocalizedText } from "@/lib/i18n/locales";
import { daysFrom } from "@/scripts/seed/demo";

/*
 * The towns' answers to the demo waves ("you said, we did"), mostly to 2025 and two to 2024,
 * whose effect the closed 2025 wave shows in public ("did it work"), made up for the demo like
 * its responses: each answers what the town's residents rated low (scripts/seed/demo.ts,
 * the demo's story) or an official indicator, with updates over the year after the wave.
 * Every date is counted from the wave's close, so the demo reads the same on any day; only
 * "overdue" is judged against today, as it is for real commitments.
 */

const WAVE = "demo-2025";
/** Who the demo's updates are by: the demo official (no account is named in public). */
const ACTOR = "official@demo.qala";

interface DemoUpdate {
  /** Days after the wave closed. */
  day: number;
  status: CommitmentStatus;
  progress: number;
  note?: LocalizedText;
  evidence?: string[];
}

interface DemoCommitment {
  town: string;
  /** The wave it answers: the 2025 one unless said (the 2024 ones show "did it work" in public). */
  wave?: string;
  link: { kind: "item"; id: string } | { kind: "area"; id: string } | { kind: "indicator"; code: string };
  heard: LocalizedText;
  action: LocalizedText;
  responsibleBody: LocalizedText;
  /** Days after the wave closed. */
  due: number;
  declineReason?: LocalizedText;
  updates: DemoUpdate[];
}

const akimat = (kk: string, ru: string, en: string): LocalizedText => ({ kk: `${kk} қаласының әкімдігі`, ru: `Акимат города ${ru}`, en: `Akimat of ${en}` });

export const DEMO_COMMITMENTS: DemoCommitment[] = [
  {
    town: "ridder",
    wave: "demo-2024",
    link: { kind: "item", id: "sat_public_transport" },
    heard: { kk: "Тұрғындар қалалық автобустарға көңілі толмайтынын айтты: сирек жүреді, шеткі аудандарға жетпейді.", ru: "Жители недовольны городскими автобусами: ходят редко и не доходят до окраин.", en: "Residents were unhappy with the town's buses: too rare, and they do not reach the outskirts." },
    action: { kk: "Бағыттарға 6 жаңа автобус шығарып, шеткі аудандарға екі бағыт ашу.", ru: "Выпустить на маршруты 6 новых автобусов и открыть два маршрута до окраин.", en: "Put 6 new buses on the routes and open two routes to the outskirts." },
    responsibleBody: { kk: "Риддер қаласының тұрғын үй-коммуналдық шаруашылық және жолаушылар көлігі бөлімі", ru: "Отдел ЖКХ и пассажирского транспорта города Риддер", en: "Ridder department of housing, utilities and passenger transport" },
    due: 240,
    updates: [
      { day: 20, status: "planned", progress: 0 },
      { day: 120, status: "in_progress", progress: 50, note: { kk: "Алғашқы 3 автобус бағытқа шықты.", ru: "Первые 3 автобуса вышли на маршруты.", en: "The first 3 buses are on the routes." } },
      { day: 230, status: "done", progress: 100, note: { kk: "6 автобустың бәрі жүріп жатыр, шеткі аудандарға екі бағыт ашылды.", ru: "Все 6 автобусов на линии, два маршрута до окраин открыты.", en: "All 6 buses are running; the two routes to the outskirts are open." }, evidence: ["https://www.gov.kz/memleket/entities/vko-ridder"] },
    ],
  },
  {
    town: "kurchatov",
    wave: "demo-2024",
    link: { kind: "area", id: "jobs" },
    heard: { kk: "Жұмыс пен табыс — тұрғындар ең төмен бағалаған салалардың бірі.", ru: "Работа и доходы — одна из сфер, которые жители оценили ниже всего.", en: "Jobs and income: one of the areas residents rated lowest." },
    action: { kk: "Кәсіпкерлерді қолдау орталығын ашып, жастарға 150 гранттық орын бөлу.", ru: "Открыть центр поддержки предпринимателей и выделить 150 грантовых мест на обучение молодёжи.", en: "Open a business support centre and fund 150 training places for young people." },
    responsibleBody: akimat("Курчатов", "Курчатов", "Kurchatov"),
    due: 300,
    updates: [
      { day: 15, status: "planned", progress: 0 },
      { day: 150, status: "in_progress", progress: 60, note: { kk: "Орталық ашылды, 90 жас оқуды бастады.", ru: "Центр открыт, 90 молодых людей начали обучение.", en: "The centre is open; 90 young people have started training." } },
      { day: 290, status: "done", progress: 100, note: { kk: "150 орынның бәрі толды, орталық 40 жаңа кәсіпке көмектесті.", ru: "Все 150 мест заняты, центр помог открыть 40 новых дел.", en: "All 150 places are filled; the centre has helped 40 new businesses start." } },
    ],
  },
  {
    town: "ridder",
    link: { kind: "item", id: "agree_find_job" },
    heard: { kk: "Тұрғындардың көбі қалада жақсы жұмыс табу қиын дейді.", ru: "Большинство жителей говорят, что хорошую работу в городе найти трудно.", en: "Most residents say a good job is hard to find in town." },
    action: { kk: "«Казцинк» және шағын кәсіпорындармен бірге жәрмеңке өткізіп, 200 тұрғынды қайта даярлау курстарына жіберу.", ru: "Провести ярмарку вакансий с «Казцинком» и малыми предприятиями и направить 200 жителей на курсы переподготовки.", en: "Hold a job fair with Kazzinc and small firms, and send 200 residents to retraining courses." },
    responsibleBody: { kk: "Риддер қаласының жұмыспен қамту орталығы", ru: "Центр занятости города Риддер", en: "Ridder employment centre" },
    due: 180,
    updates: [
      { day: 20, status: "planned", progress: 0 },
      { day: 95, status: "in_progress", progress: 45, note: { kk: "Жәрмеңке өтті: 38 жұмыс беруші, 412 келуші. Курстарға 120 адам жазылды.", ru: "Ярмарка прошла: 38 работодателей, 412 посетителей. На курсы записались 120 человек.", en: "The fair took place: 38 employers, 412 visitors. 120 people signed up for the courses." } },
      { day: 175, status: "done", progress: 100, note: { kk: "Курстарды 204 тұрғын бітірді, оның 131-і жұмысқа орналасты.", ru: "Курсы окончили 204 жителя, 131 из них трудоустроены.", en: "204 residents finished the courses; 131 of them have found work." }, evidence: ["https://www.gov.kz/memleket/entities/vko-ridder"] },
    ],
  },
  {
    town: "ridder",
    link: { kind: "item", id: "sat_air_quality" },
    heard: { kk: "Тұрғындар ауа сапасына көңілі толмайды.", ru: "Жители недовольны качеством воздуха.", en: "Residents are unhappy with the air quality." },
    action: { kk: "Қалада ауаны бақылайтын төрт бекет орнатып, көрсеткіштерін интернетте жариялау.", ru: "Установить в городе четыре поста наблюдения за воздухом и публиковать их показания в интернете.", en: "Install four air monitoring stations in town and publish their readings online." },
    responsibleBody: akimat("Риддер", "Риддер", "Ridder"),
    due: 240,
    updates: [
      { day: 20, status: "planned", progress: 0 },
      { day: 130, status: "in_progress", progress: 50, note: { kk: "Екі бекет орнатылды; қалған екеуінің жабдығы әлі жеткізілмеді.", ru: "Установлены два поста; оборудование для двух других ещё не поставлено.", en: "Two stations are installed; the equipment for the other two has not been delivered yet." } },
    ],
  },
  {
    town: "serebryansk",
    link: { kind: "area", id: "utilities" },
    heard: { kk: "Жылу, су және жарық — тұрғындар ең төмен бағалаған сала.", ru: "Тепло, вода и электричество — сфера, которую жители оценили ниже всего.", en: "Heating, water and electricity is the area residents rated lowest." },
    action: { kk: "Жылыту маусымына дейін Ленин көшесіндегі 3,2 км жылу желісін ауыстыру.", ru: "До начала отопительного сезона заменить 3,2 км теплотрассы по улице Ленина.", en: "Replace 3.2 km of heating mains on Lenin Street before the heating season." },
    responsibleBody: akimat("Серебрянск", "Серебрянск", "Serebryansk"),
    due: 220,
    updates: [
      { day: 15, status: "planned", progress: 0 },
      { day: 110, status: "in_progress", progress: 60, note: { kk: "2,1 км құбыр ауыстырылды.", ru: "Заменено 2,1 км труб.", en: "2.1 km of pipe replaced." } },
      { day: 210, status: "done", progress: 100, note: { kk: "Жұмыс аяқталды, желі сынақтан өтті.", ru: "Работы завершены, сеть прошла испытания.", en: "The work is finished and the mains have passed their pressure test." }, evidence: ["https://www.gov.kz/memleket/entities/vko-zyryanovsk"] },
    ],
  },
  {
    town: "serebryansk",
    link: { kind: "item", id: "sat_tap_water_quality" },
    heard: { kk: "Тұрғындардың көбі ауыз судың сапасына наразы.", ru: "Большинство жителей недовольны качеством водопроводной воды.", en: "Most residents are dissatisfied with the quality of tap water." },
    action: { kk: "Сорғы бекетінде суды тазарту қондырғысын орнату.", ru: "Установить станцию очистки воды на насосной станции.", en: "Install a water treatment unit at the pumping station." },
    responsibleBody: { kk: "«Серебрянск су арнасы» МКК", ru: "ГКП «Серебрянский водоканал»", en: "Serebryansk water utility" },
    due: 600,
    updates: [
      { day: 15, status: "planned", progress: 0 },
      { day: 200, status: "in_progress", progress: 30, note: { kk: "Жоба-сметалық құжаттама дайын, мемлекеттік сараптамадан өтті.", ru: "Проектно-сметная документация готова и прошла госэкспертизу.", en: "The design and cost documents are ready and have passed state review." } },
    ],
  },
  {
    town: "serebryansk",
    link: { kind: "indicator", code: "net_migration" },
    heard: { kk: "Жастар қаладан кетіп жатыр: көші-қон сальдосы теріс.", ru: "Молодёжь уезжает: сальдо миграции отрицательное.", en: "Young people are leaving: net migration is negative." },
    action: { kk: "Жас мамандарға тегін жалдамалы тұрғын үй беру.", ru: "Предоставить молодым специалистам арендное жильё без платы.", en: "Give young specialists rent-free municipal housing." },
    responsibleBody: akimat("Серебрянск", "Серебрянск", "Serebryansk"),
    due: 365,
    declineReason: {
      kk: "2026 жылғы бюджетте қаражат жоқ; өтінім 2027 жылғы бюджетке берілді.",
      ru: "В бюджете 2026 года нет средств; заявка подана в бюджет 2027 года.",
      en: "There is no money for it in the 2026 budget; a request has been filed for the 2027 budget.",
    },
    updates: [
      { day: 15, status: "planned", progress: 0 },
      { day: 150, status: "declined", progress: 0, note: { kk: "Облыстық бюджет комиссиясы қаржыландыруды мақұлдамады.", ru: "Областная бюджетная комиссия не одобрила финансирование.", en: "The regional budget commission did not approve the funding." } },
    ],
  },
  {
    town: "altai",
    link: { kind: "item", id: "sat_green_spaces" },
    heard: { kk: "Тұрғындар саябақтар мен жасыл аймақтардың аздығын айтады.", ru: "Жители говорят, что парков и зелёных зон мало.", en: "Residents say there are too few parks and green spaces." },
    action: { kk: "Орталық саябақты жөндеп, 500 ағаш отырғызу.", ru: "Отремонтировать центральный парк и высадить 500 деревьев.", en: "Renovate the central park and plant 500 trees." },
    responsibleBody: akimat("Алтай", "Алтай", "Altai"),
    due: 200,
    updates: [
      { day: 25, status: "planned", progress: 0 },
      { day: 140, status: "done", progress: 100, note: { kk: "Саябақ ашылды, 520 ағаш отырғызылды.", ru: "Парк открыт, высажено 520 деревьев.", en: "The park is open; 520 trees were planted." } },
    ],
  },
  {
    town: "altai",
    link: { kind: "indicator", code: "average_monthly_salary" },
    heard: { kk: "Орташа жалақы облыстағыдан төмен.", ru: "Средняя зарплата ниже, чем по области.", en: "The average salary is below the regional average." },
    action: { kk: "Шағын бизнеске жеңілдетілген микронесиелер беру: 60 кәсіпорын.", ru: "Выдать льготные микрокредиты малому бизнесу: 60 предприятий.", en: "Give low-interest microloans to 60 small businesses." },
    responsibleBody: { kk: "«Даму» қоры, Алтай бөлімшесі", ru: "Фонд «Даму», отделение в Алтае", en: "Damu Fund, Altai office" },
    due: 500,
    updates: [
      { day: 25, status: "planned", progress: 0 },
      { day: 180, status: "in_progress", progress: 40, note: { kk: "24 несие берілді.", ru: "Выдано 24 кредита.", en: "24 loans have been granted." } },
    ],
  },
  {
    town: "kurchatov",
    link: { kind: "item", id: "agree_residents_heard" },
    heard: { kk: "Тұрғындар әкімдік оларды тыңдамайды деп санайды.", ru: "Жители считают, что акимат их не слышит.", en: "Residents feel the akimat does not listen to them." },
    action: { kk: "Әкіммен ай сайын ашық кездесу өткізіп, хаттамаларын жариялау.", ru: "Каждый месяц проводить открытые встречи с акимом и публиковать протоколы.", en: "Hold an open meeting with the akim every month and publish the minutes." },
    responsibleBody: akimat("Курчатов", "Курчатов", "Kurchatov"),
    due: 120,
    updates: [
      { day: 10, status: "planned", progress: 0 },
      { day: 45, status: "in_progress", progress: 30 },
      { day: 118, status: "done", progress: 100, note: { kk: "Төрт кездесу өтті, хаттамалар сайтта.", ru: "Прошли четыре встречи, протоколы на сайте.", en: "Four meetings have been held; the minutes are on the website." }, evidence: ["https://www.gov.kz/memleket/entities/abay-kurchatov"] },
    ],
  },
  {
    town: "kurchatov",
    link: { kind: "item", id: "sat_public_transport" },
    heard: { kk: "Ауруханаға автобуспен жету қиын.", ru: "До больницы трудно доехать на автобусе.", en: "The hospital is hard to reach by bus." },
    action: { kk: "Ауруханаға баратын жаңа автобус бағытын ашу.", ru: "Открыть новый автобусный маршрут до больницы.", en: "Open a new bus route to the hospital." },
    responsibleBody: { kk: "Қалалық тұрғын үй-коммуналдық шаруашылық және жолаушылар көлігі бөлімі", ru: "Городской отдел ЖКХ и пассажирского транспорта", en: "Town department of housing, utilities and passenger transport" },
    due: 520,
    updates: [{ day: 10, status: "planned", progress: 0 }],
  },
];

/** The demo's commitments and their updates; a town that has commitments for the wave already is left as it is. */
export async function seedDemoCommitments(db: Db) {
  const slugs = [...new Set(DEMO_COMMITMENTS.map((demo) => demo.wave ?? WAVE))];
  const waveRows = new Map((await db.select().from(waves).where(inArray(waves.slug, slugs))).map((wave) => [wave.slug, wave]));
  const townIds = new Map((await db.select({ id: towns.id, code: towns.code }).from(towns)).map((town) => [town.code, town.id]));
  const indicatorIds = new Map((await db.select({ id: indicators.id, code: indicators.code }).from(indicators)).map((indicator) => [indicator.code, indicator.id]));
  // A town that has commitments for a wave already is left as it is, for that wave.
  const waveIds = [...waveRows.values()].map((wave) => wave.id);
  const done = new Set(
    waveIds.length === 0
      ? []
      : (await db.select({ waveId: commitments.waveId, townId: commitments.townId }).from(commitments).where(and(inArray(commitments.waveId, waveIds), inArray(commitments.townId, [...townIds.values()])))).map((row) => `${row.waveId}:${row.townId}`),
  );
  await db.transaction(async (tx) => {
    for (const demo of DEMO_COMMITMENTS) {
      const townId = townIds.get(demo.town);
      const wave = waveRows.get(demo.wave ?? WAVE);
      if (townId === undefined || !wave || done.has(`${wave.id}:${townId}`)) continue;
      const last = demo.updates.at(-1)!;
      const evidence = demo.updates.flatMap((update) => update.evidence ?? []);
      const row: NewCommitment = {
        townId,
        waveId: wave.id,
        linkKind: demo.link.kind,
        itemId: demo.link.kind === "item" ? demo.link.id : null,
        areaId: demo.link.kind === "area" ? demo.link.id : null,
        indicatorId: demo.link.kind === "indicator" ? (indicatorIds.get(demo.link.code) ?? null) : null,
        heard: demo.heard,
        action: demo.action,
        responsibleBody: demo.responsibleBody,
        dueOn: daysFrom(wave.closesOn, demo.due),
        status: last.status,
        progress: last.progress,
        declineReason: last.status === "declined" ? (demo.declineReason ?? null) : null,
        evidenceUrls: evidence,
      };
      const [inserted] = await tx.insert(commitments).values(row).returning({ id: commitments.id });
      let previous: DemoUpdate | null = null;
      for (const update of demo.updates) {
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        if (previous?.status !== update.status) changes.status = { from: previous?.status ?? null, to: update.status };
        if (previous?.progress !== update.progress) changes.progress = { from: previous?.progress ?? null, to: update.progress };
        if (update.evidence) changes.evidenceUrls = { from: [], to: update.evidence };
        if (update.status === "declined") changes.declineReason = { from: null, to: demo.declineReason };
        await tx.insert(commitmentUpdates).values({
          commitmentId: inserted!.id,
          on: daysFrom(wave.closesOn, update.day),
          at: new Date(`${daysFrom(wave.closesOn, update.day)}T06:00:00Z`),
          actorId: null,
          actorEmail: ACTOR,
          status: update.status,
          progress: update.progress,
          note: update.note ?? null,
          changes,
        });
        previous = update;
      }
    }
  });
}
