// An independent transcription of the State Council holiday notices (SPEC §8.2–8.4), written
// the way the notices word them ("2月10日至17日放假调休 … 2月4日（星期日）、2月18日（星期日）上班"),
// and a deliberately naive working-day counter on date-fns, used as the oracle that the
// calendar data and the calendar functions are checked against.
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { getDay } from "date-fns/getDay";

export interface NoticeHoliday {
  readonly holiday: string;
  /** 放假: first and last day off, MM-DD. */
  readonly off: readonly [string, string];
  /** 上班: weekend days worked, MM-DD. */
  readonly work: readonly string[];
}

export interface Notice {
  readonly number: string | null;
  readonly published: string;
  readonly url: string;
  readonly holidays: readonly NoticeHoliday[];
}

export const NOTICES: Readonly<Record<"2024" | "2025" | "2026", Notice>> = {
  "2024": {
    number: "国办发明电〔2023〕7号",
    published: "2023-10-25",
    url: "https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm",
    holidays: [
      { holiday: "元旦", off: ["01-01", "01-01"], work: [] }, // 1月1日放假，与周末连休
      { holiday: "春节", off: ["02-10", "02-17"], work: ["02-04", "02-18"] }, // 除夕 2/9 works
      { holiday: "清明节", off: ["04-04", "04-06"], work: ["04-07"] },
      { holiday: "劳动节", off: ["05-01", "05-05"], work: ["04-28", "05-11"] },
      { holiday: "端午节", off: ["06-10", "06-10"], work: [] }, // 6月10日放假，与周末连休
      { holiday: "中秋节", off: ["09-15", "09-17"], work: ["09-14"] },
      { holiday: "国庆节", off: ["10-01", "10-07"], work: ["09-29", "10-12"] },
    ],
  },
  "2025": {
    number: "国办发明电〔2024〕12号",
    published: "2024-11-12",
    url: "https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm",
    holidays: [
      { holiday: "元旦", off: ["01-01", "01-01"], work: [] }, // 放假1天，不调休
      { holiday: "春节", off: ["01-28", "02-04"], work: ["01-26", "02-08"] },
      { holiday: "清明节", off: ["04-04", "04-06"], work: [] },
      { holiday: "劳动节", off: ["05-01", "05-05"], work: ["04-27"] },
      { holiday: "端午节", off: ["05-31", "06-02"], work: [] },
      { holiday: "国庆节、中秋节", off: ["10-01", "10-08"], work: ["09-28", "10-11"] },
    ],
  },
  "2026": {
    number: null, // 文号 not confirmed (SPEC §8.4 [U])
    published: "2025-11-04",
    url: "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
    holidays: [
      { holiday: "元旦", off: ["01-01", "01-03"], work: ["01-04"] },
      { holiday: "春节", off: ["02-15", "02-23"], work: ["02-14", "02-28"] },
      { holiday: "清明节", off: ["04-04", "04-06"], work: [] },
      { holiday: "劳动节", off: ["05-01", "05-05"], work: ["05-09"] },
      { holiday: "端午节", off: ["06-19", "06-21"], work: [] },
      { holiday: "中秋节", off: ["09-25", "09-27"], work: [] },
      { holiday: "国庆节", off: ["10-01", "10-07"], work: ["09-20", "10-10"] },
    ],
  },
};

/** A local date-fns `Date` for a `YYYY-MM-DD` string. */
export function localDate(iso: string): Date {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(year ?? Number.NaN, (month ?? Number.NaN) - 1, day ?? Number.NaN);
}

/** Every `YYYY-MM-DD` date from `from` to `until`, both included. */
export function eachDate(from: string, until: string): string[] {
  const dates: string[] = [];
  for (let date = localDate(from); format(date, "yyyy-MM-dd") <= until; date = addDays(date, 1)) {
    dates.push(format(date, "yyyy-MM-dd"));
  }
  return dates;
}

const offDays = new Map<string, string>();
const workDays = new Map<string, string>();
for (const [year, notice] of Object.entries(NOTICES)) {
  for (const { holiday, off, work } of notice.holidays) {
    for (const date of eachDate(`${year}-${off[0]}`, `${year}-${off[1]}`))
      offDays.set(date, holiday);
    for (const date of work) workDays.set(`${year}-${date}`, holiday);
  }
}

/** The notices' days off, date → holiday. */
export const NOTICE_OFF_DAYS: ReadonlyMap<string, string> = offDays;
/** The notices' makeup working days (调休上班), date → holiday. */
export const NOTICE_WORK_DAYS: ReadonlyMap<string, string> = workDays;

/** Whether the notices make a 2024–2026 date a working day. */
export function noticeIsWorkingDay(iso: string): boolean {
  if (iso < "2024-01-01" || iso > "2026-12-31") throw new Error(`${iso}: no notice`);
  const weekend = [0, 6].includes(getDay(localDate(iso)));
  return workDays.has(iso) || (!weekend && !offDays.has(iso));
}

/** The Nth working day after `accepted` by the notices, counting day by day. */
export function noticeDueDate(accepted: string, n: number): string {
  let date = localDate(accepted);
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (noticeIsWorkingDay(format(date, "yyyy-MM-dd"))) counted += 1;
  }
  return format(date, "yyyy-MM-dd");
}
