#!/usr/bin/env python3
"""Writes data/sample-progress.json's items as a history: several dated updates per milestone.

The final state of each milestone is the one already in the file (its last entry); the entries before it
are made here from the plan's dates: a late start noted with its reason, the start, an update about every
seven weeks while in progress (progress growing towards the final figure), the reason and countermeasure
from the first update after the planned end, and each year's round of a yearly step. Run once after
changing the final states:

    python3 scripts/sample-history.py

It keeps the other sections of the file as they are. The seeder applies the entries in file order.
"""
import calendar
import datetime as dt
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLAN = json.loads((ROOT / "data/roadmap.json").read_text(encoding="utf-8"))
SAMPLE_PATH = ROOT / "data/sample-progress.json"
SAMPLE = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))

# What the division wrote while an item was late, before the final wording: (from, reason, countermeasure).
INTERIM = {
    "5.1-02": [("2022-07-01", "対象20業務のうち税・介護保険の現行システム資料の収集に時間を要しており、6月末の完了に至らなかった。",
                "資料がそろった業務から概要調査を終え、7月中の完了を目指す。移行計画の作成は並行して着手する。")],
    "5.1-03": [("2022-10-01", "国の標準仕様書の公表（令和4年8月）を待って計画を確定することとしたため、9月末の完了に至らなかった。",
                "Fit&Gap分析を先行して着手し、11月中の確定を目指す。")],
    "5.1-04": [("2023-04-01", "標準仕様書の改定に伴い一部業務の分析をやり直しているため、3月末の完了に至らなかった。",
                "ベンダ選定の準備を並行して進め、5月中の完了を目指す。")],
    "5.1-08": [("2024-05-01", "前工程（ベンダ選定・調達）の契約手続に時間を要し、移行・テストの着手が遅れている。",
                "契約締結後、6月から住民記録の移行テストに着手する。"),
               ("2026-01-01", "税・介護保険の標準準拠版の提供がベンダから遅れており、令和7年12月末までに移行テストを終えられなかった。",
                "提供済みの業務から順に移行テストを進め、未提供の業務の提供時期をベンダと月1回確認する。")],
    "5.1-09": [("2026-04-01", None,
                "未移行の業務の移行時期をベンダと協議し、特定移行支援システムとしての届出を検討する。")],
    "5.2-02": [("2022-01-01", "ベンダからの見積回答が年末年始をはさんで遅れている。",
                "1月中の見積徴収を目指し、回答期限をベンダに再度通知した。")],
    "5.2-05": [("2022-06-01", "API連携のための基幹システム改修経費が当初予算に計上されず、着手できていない。",
                "補正予算での計上を財政課と協議する。"),
               ("2022-12-01", "改修経費の補正予算計上が見送られ、令和5年度での予算化を調整している。",
                "令和5年度補正予算での計上を要求する。"),
               ("2023-10-01", "改修経費の予算計上が令和5年度補正予算まで見送られたため、着手が遅れた。",
                "令和5年度中に改修設計を終え、令和6年度に総合テストを行う。"),
               ("2025-04-01", None, None)],
    "5.3-05": [("2022-04-01", "候補業務の適合性検証で、対象データの様式が課ごとに異なることが判明し、試行事務の決定が遅れている。",
                "試行事務を2事務に絞り込み、4月中の決定を目指す。")],
    "5.3-08": [("2022-12-01", "試行業務の手順変更に伴い、関係課との調整に時間を要している。",
                "関係課との調整会議を12月に2回開催し、1月中の完了を目指す。")],
    "5.3-09": [("2022-12-01", "RPAの運用拡大の対象事務の選定に時間を要し、着手が遅れている。",
                "各課への照会結果をもとに、令和5年4月から着手する。")],
    "5.3-10": [("2023-05-01", "RPAライセンスの追加購入（運用2台目）が令和5年度の予算査定で見送られたため、運用2台での試行を開始できていない。",
                "運用1台での試行を継続し、令和6年度予算で改めて要求する。"),
               ("2024-04-01", "RPAライセンスの追加購入（運用2台目）が令和5年度・令和6年度の予算査定で見送られたため、保留とした。",
                "運用1台のシナリオ稼働率を検証し、効果額を示したうえで改めて要求する。")],
    "5.4-02": [("2021-02-01", "分析対象の業務フロー図の作成に時間を要している。",
                "業務フロー図の作成を委託事業者と分担し、2月中の完了を目指す。")],
    "5.4-06": [("2022-04-01", "所管課からの回答の取りまとめに時間を要している。",
                "未回答の所管課に個別に確認し、4月中に取りまとめる。")],
    "5.4-08": [("2022-10-01", "合理化の対象となる手続の洗い出しに想定以上の時間を要し、改正案の作成が遅れている。",
                "洗い出しの済んだ手続から改正案を作成し、令和5年2月までに取りまとめる。")],
    "5.4-09": [("2023-07-01", "改正が必要な規則・要綱が想定より多く（約120件）、所管課との協議に時間を要しているため、6月の一括改正に至らなかった。",
                "所管課との協議を続け、令和5年度中の改正を目指す。"),
               ("2024-04-01", None,
                "利用件数の多い子育て・介護関係の手続から優先して段階的に改正する方針に変更した。法制担当と月1回進捗を確認する。")],
    "5.4-10": [("2023-08-01", None, None)],
}

# 保留 from this day on (the item's final status is 保留).
ON_HOLD_FROM = {"5.3-10": "2024-04-01"}

# A yearly round finished late, with what was written then: (year, months late, reason).
LATE_ROUNDS = {
    "5.5-06": (2023, 1, "基幹系システムの更新作業と重なり、是正事項の対応策の立案を1か月延期した。"),
    "5.5-04": (2024, 1, "改定後ポリシーの解説資料の作成が遅れ、準拠状況調査の開始を1か月延期した。"),
}

DAY = dt.date.fromisoformat


def weekday(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def month_start(text):
    year, month = map(int, text.split("-")[:2])
    return dt.date(year, month, 1)


def month_end(text):
    year, month = map(int, text.split("-")[:2])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def entry(code, status, progress, start, end, reason, countermeasure, day):
    return {"milestone": code, "status": status, "progress": progress,
            "actualStart": start.isoformat() if start else None, "actualEnd": end.isoformat() if end else None,
            "delayReason": reason, "countermeasure": countermeasure, "updatedAt": day.isoformat()}


def interim(code, day, final):
    """The reason and countermeasure written on `day`, or the final ones where nothing else was written."""
    chosen = (None, None)
    for since, reason, countermeasure in INTERIM.get(code, []):
        if day >= DAY(since):
            chosen = (reason, countermeasure)
    reason, countermeasure = chosen
    return reason or final["delayReason"], countermeasure or final["countermeasure"]


def once(milestone, final):
    code = milestone["id"]
    planned_start = month_start(milestone["start"]) if milestone.get("start") else None
    planned_end = month_end(milestone.get("end") or milestone.get("date")) if (milestone.get("end") or milestone.get("date")) else None
    actual_start = DAY(final["actualStart"]) if final["actualStart"] else None
    actual_end = DAY(final["actualEnd"]) if final["actualEnd"] else None
    last = DAY(final["updatedAt"])
    done = final["status"] == "完了"
    out = []

    def late(day):
        return planned_end is not None and day > planned_end

    # Not started although the plan says it should have: noted at the first update after, with its reason.
    due = planned_start or planned_end
    if due is not None and (actual_start is None or actual_start > due + dt.timedelta(days=40)):
        first_late = weekday((planned_start and month_end(milestone["start"]) or planned_end) + dt.timedelta(days=5))
        until = actual_start or last
        day = first_late
        while day < until - dt.timedelta(days=10):
            status = "保留" if code in ON_HOLD_FROM and day >= DAY(ON_HOLD_FROM[code]) else "未着手"
            reason, countermeasure = interim(code, day, final)
            out.append(entry(code, status, 0, None, None, reason, countermeasure, day))
            day = weekday(day + dt.timedelta(days=120 if actual_start is None else 50))
    if actual_start is None:
        return settle(out, final)

    # Started; one-day items (a report, a briefing) are started and finished in one update.
    if actual_end is not None and actual_end <= actual_start + dt.timedelta(days=7):
        return settle(out, final)
    finish = actual_end or last
    target = 90 if done else final["progress"]
    day = weekday(actual_start + dt.timedelta(days=2))
    progress = 5 if target >= 20 else 0
    span = max(1, (finish - actual_start).days)
    while day < finish - dt.timedelta(days=20):
        share = (day - actual_start).days / span
        # Each update moves the figure on: an unchanged entry would record no change at all.
        progress = min(target - (0 if done else 1), max(progress + 1, round(5 + share * (target - 5))))
        reason, countermeasure = interim(code, day, final) if late(day) else (None, None)
        out.append(entry(code, "進行中", progress, actual_start, None, reason, countermeasure, day))
        day = weekday(day + dt.timedelta(days=49))
    # Finished or still open well after the planned end: the update just after that end gives the reason.
    if planned_end is not None and planned_end > actual_start:
        noted = weekday(planned_end + dt.timedelta(days=1))
        if noted < finish - dt.timedelta(days=10) and not any(e["updatedAt"] == noted.isoformat() for e in out):
            earlier = [e for e in out if e["updatedAt"] < noted.isoformat()]
            progress = max([e["progress"] for e in earlier] + [5])
            reason, countermeasure = interim(code, noted, final)
            out.append(entry(code, "進行中", min(progress + 5, target), actual_start, None, reason, countermeasure, noted))
            out.sort(key=lambda e: e["updatedAt"])
            # Progress never goes back: later updates keep at least this figure.
            for e in out:
                if e["updatedAt"] > noted.isoformat():
                    e["progress"] = max(e["progress"], min(progress + 5, target))
    return settle(out, final)


def settle(out, final):
    """Progress rises by at least a point per update in progress; an entry that changes nothing is dropped,
    as the app records nothing for it."""
    cap = 95 if final["status"] == "完了" else final["progress"] - 1
    kept = []
    for e in out + [final]:
        previous = kept[-1] if kept else None
        if e is not final and e["status"] == "進行中" and previous is not None and previous["status"] == "進行中":
            e["progress"] = min(cap, max(e["progress"], previous["progress"] + 1))
        if previous is None or any(e[k] != previous[k] for k in e if k != "updatedAt"):
            kept.append(e)
    return kept


def yearly(milestone, final):
    """Each year's round from the plan's first one up to the one in the file."""
    code = milestone["id"]
    first = month_start(milestone.get("date") or milestone.get("end") or milestone["start"])
    start = DAY(final["actualStart"])
    end = DAY(final["actualEnd"])
    start_offset = (start - dt.date(start.year, start.month, 1)).days
    length = (end - start).days
    out = []
    for year in range(first.year, start.year):
        round_start = weekday(dt.date(year, first.month, 1) + dt.timedelta(days=start_offset))
        late_year, late_months, reason = LATE_ROUNDS.get(code, (None, 0, None))
        months = late_months if year == late_year else 0
        # A round on time finishes within its planned month; a late one runs that many months over.
        planned = month_end(f"{year}-{first.month}")
        on_time = min(round_start + dt.timedelta(days=length), planned)
        round_end = on_time if not months else weekday(planned + dt.timedelta(days=28 * months))
        if round_end > end:
            break
        if length > 7:
            out.append(entry(code, "進行中", 30, round_start, None, None, None, weekday(round_start + dt.timedelta(days=1))))
        if months:
            noted = weekday(month_end(f"{round_start.year}-{round_start.month}") + dt.timedelta(days=3))
            out.append(entry(code, "進行中", 60, round_start, None, reason,
                             "翌月に日程を確保し、年度内の実施回数は計画どおりとする。", noted))
        out.append(entry(code, "完了", 100, round_start, round_end, reason if months else None, None,
                         weekday(round_end + dt.timedelta(days=2))))
    if length > 7:
        out.append(entry(code, "進行中", 30, start, None, None, None, weekday(start + dt.timedelta(days=1))))
    return out + [final]


def main():
    milestones = {m["id"]: m for m in PLAN["milestones"]}
    tracks = {t["id"]: t for t in PLAN["tracks"]}
    finals = {}
    for item in SAMPLE["items"]:
        finals[item["milestone"]] = item  # the last entry per milestone is its current state
    items = []
    for code, final in finals.items():
        milestone = milestones[code]
        recurring = milestone.get("recurringYearly") or tracks.get(milestone.get("track"), {}).get("recurringYearly")
        history = yearly(milestone, final) if recurring else once(milestone, final)
        history.sort(key=lambda e: e["updatedAt"])
        items.extend(history)
    SAMPLE["items"] = items
    SAMPLE_PATH.write_text(json.dumps(SAMPLE, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(items)} entries for {len(finals)} milestones")


if __name__ == "__main__":
    main()
