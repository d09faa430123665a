using Microsoft.EntityFrameworkCore.Migrations;

namespace DxRoadmap.Web.Data.Migrations;

/// <summary>
/// The data part of the NationalSteps migration (both providers): a database that holds the earlier 12 steps of our
/// own gets 総務省's 40 steps, and each finished old step becomes 完了済み history of the national steps it covers
/// (<see cref="OldToNational"/>, documented in docs/standardisation-steps.md), with its day and author and a note
/// naming the old step. The old step 11 (本番稼働) also gives the 業務 its go-live day; the old step 12 (ガバメント
/// クラウドへの移行完了), which has no national step, is kept in the 業務's note. A new, empty database is left alone:
/// the seeder loads the 40 steps from data/roadmap.json.
/// </summary>
/// <remarks>
/// A migration must keep doing what it did when it was written, so the steps are listed here as they were published
/// (a test checks them against data/roadmap.json).
/// </remarks>
public static class NationalStepsUpgrade
{
    /// <summary>The 40 steps of 総務省's progress table, in order.</summary>
    public static IReadOnlyList<(string Code, string Title)> Steps { get; } =
    [
        ("①-1", "推進体制案の作成"),
        ("①-2", "関連部局との調整・担当者名簿の作成"),
        ("①-3", "首長等への報告"),
        ("②-1", "現行システム環境の基礎調査（基礎情報・契約範囲等に係る調査）"),
        ("②-2", "連携一覧の調査・作成"),
        ("②-3", "移行に係る現行システムベンダとの打合せ・役割の認識合わせ"),
        ("②-4", "概要調査結果の取りまとめ"),
        ("③-1", "標準化対象範囲の確認（標準仕様書と現行システムとを比較し調達範囲・単位の差異を洗い出し）"),
        ("③-2", "Fit&Gap分析による課題（運用見直しが必要な業務等）の洗い出し"),
        ("④-1", "移行方針や調達範囲・単位の検討（周辺機器・外部委託含む）"),
        ("④-2", "調達方式（指名型/公募型プロポーザル方式 or 総合評価落札方式 or 最低価格落札方式等）の検討"),
        ("④-3", "調達スケジュールの検討（RFI、RFP、予算計上、移行時期等）"),
        ("④-4", "移行にあたっての課題と対策の整理"),
        ("⑤-1", "RFI資料の作成"),
        ("⑤-2", "標準仕様書のうち「実装してもしなくても良い機能」に関する方針（求める機能の整理、優先順位付け）の決定"),
        ("⑤-3", "標準準拠システム以外の情報システムに関するRFI資料の作成"),
        ("⑥-1", "RFI資料に関するベンダからの質問への回答"),
        ("⑥-2", "ベンダからのRFI回答受領"),
        ("⑦-1", "RFI結果の分析"),
        ("⑦-2", "移行計画の詳細化・変更"),
        ("⑧-1", "予算根拠資料の作成"),
        ("⑧-2", "予算要求・財政部局等との調整"),
        ("⑨-1", "RFP資料の作成"),
        ("⑨-2", "RFP資料に関するベンダからの質問への回答"),
        ("⑨-3", "ベンダからのRFP回答受領"),
        ("⑩-1", "ベンダ評価の実施"),
        ("⑩-2", "ベンダの選定・決定"),
        ("⑪-1", "ベンダとの契約協議の実施"),
        ("⑪-2", "システム移行に係る詳細スケジュールの確定"),
        ("⑫-1", "特定個人情報保護評価（PIA）の実施"),
        ("⑬-1", "システム移行時の設定（標準準拠システムの運用方法の検討・確定、システムの機能確認等）"),
        ("⑭-1", "データクレンジングや文字の同定基準に関するベンダとの調整"),
        ("⑭-2", "データクレンジングの実施"),
        ("⑭-3", "最終データ移行の実施・結果確認"),
        ("⑮-1", "テストの実施"),
        ("⑮-2", "研修の実施"),
        ("⑯-1", "既存環境の設定変更に向けた調整（必要機器の調達等）"),
        ("⑯-2", "既存環境の設定変更（標準準拠システムと庁内ネットワーク接続の設計、構築等）"),
        ("⑰-1", "条例・規則の改正"),
        ("⑱-1", "運用開始ステータス"),
    ];

    /// <summary>Which national steps each old step (by its number) covers; every national step is covered once.</summary>
    public static IReadOnlyDictionary<int, string[]> OldToNational { get; } = new Dictionary<int, string[]>
    {
        [1] = ["①-1", "①-2", "①-3"],                                       // 推進体制の立ち上げ
        [2] = ["②-1", "②-2", "②-3", "②-4"],                                // 現行システムの概要調査
        [3] = ["④-1", "④-2", "④-3", "④-4"],                                // 移行計画の作成
        [4] = ["⑤-1", "⑤-2", "⑤-3", "⑥-1", "⑥-2", "⑦-1"],                  // 情報提供依頼 (RFI)
        [5] = ["③-1", "③-2"],                                              // Fit&Gap分析
        [6] = ["⑦-2"],                                                     // 移行計画の詳細化
        [7] = ["⑧-1", "⑧-2"],                                              // 予算要求
        [8] = ["⑨-1", "⑨-2", "⑨-3", "⑩-1", "⑩-2", "⑪-1", "⑪-2"],            // ベンダ選定・契約
        [9] = ["⑭-1", "⑭-2", "⑭-3"],                                       // データ移行
        [10] = ["⑫-1", "⑬-1", "⑮-1", "⑮-2"],                               // システムテスト・職員研修
        [11] = ["⑯-1", "⑯-2", "⑰-1", "⑱-1"],                               // 標準準拠システムの本番稼働
        [12] = [],                                                         // ガバメントクラウドへの移行完了
    };

    private const int OldOffset = 1000;
    private const int GoLiveStep = 11;
    private const int CloudStep = 12;

    /// <summary>Runs after the new columns and table exist and before the old table and the Phase column go.</summary>
    public static void Apply(MigrationBuilder migrationBuilder, bool postgres)
    {
        // The old steps move out of the way of the new numbers; only they exist before this runs.
        migrationBuilder.Sql($"UPDATE \"StandardSteps\" SET \"No\" = \"No\" + {OldOffset};");
        var no = 0;
        foreach (var (code, title) in Steps)
        {
            no++;
            migrationBuilder.Sql($"""
                INSERT INTO "StandardSteps" ("No", "Code", "Title", "Phase")
                SELECT {no}, '{code}', '{title}', '' WHERE EXISTS (SELECT 1 FROM "StandardSteps" WHERE "No" > {OldOffset});
                """);
        }
        var map = string.Join(", ", OldToNational.SelectMany(p => p.Value.Select(code => $"({p.Key}, '{code}')")));
        // Japan time, 17:00 of the day the old step was finished: when it is taken to have been recorded.
        var recorded = postgres
            ? "(c.\"CompletedOn\" + TIME '17:00') AT TIME ZONE 'Asia/Tokyo'"
            : "c.\"CompletedOn\" || ' 17:00:00+09:00'";
        migrationBuilder.Sql($"""
            WITH m (old_no, code) AS (VALUES {map})
            INSERT INTO "StandardStepChanges" ("SystemId", "StepId", "Status", "ChangedOn", "ChangedBy", "RecordedAt", "Note")
            SELECT c."SystemId", n."Id", 2, c."CompletedOn", COALESCE(c."UpdatedBy", '(記録なし)'), {recorded},
                   '旧手順' || (o."No" - {OldOffset}) || '「' || o."Title" || '」の完了から移行'
            FROM "StandardStepCompletions" c
            JOIN "StandardSteps" o ON o."Id" = c."StepId"
            JOIN m ON m.old_no = o."No" - {OldOffset}
            JOIN "StandardSteps" n ON n."Code" = m.code;
            """);
        migrationBuilder.Sql($"""
            UPDATE "StandardSystems" SET "GoLiveOn" = (
                SELECT c."CompletedOn" FROM "StandardStepCompletions" c JOIN "StandardSteps" o ON o."Id" = c."StepId"
                WHERE o."No" = {OldOffset + GoLiveStep} AND c."SystemId" = "StandardSystems"."Id");
            """);
        migrationBuilder.Sql($"""
            UPDATE "StandardSystems" SET "MigrationNote" = 'ガバメントクラウドへの移行完了 ' || (
                SELECT CAST(c."CompletedOn" AS TEXT) FROM "StandardStepCompletions" c JOIN "StandardSteps" o ON o."Id" = c."StepId"
                WHERE o."No" = {OldOffset + CloudStep} AND c."SystemId" = "StandardSystems"."Id") || ' (旧手順12)'
            WHERE EXISTS (
                SELECT 1 FROM "StandardStepCompletions" c JOIN "StandardSteps" o ON o."Id" = c."StepId"
                WHERE o."No" = {OldOffset + CloudStep} AND c."SystemId" = "StandardSystems"."Id");
            """);
        migrationBuilder.Sql("DELETE FROM \"StandardStepCompletions\";");
        migrationBuilder.Sql($"DELETE FROM \"StandardSteps\" WHERE \"No\" > {OldOffset};");
    }
}
