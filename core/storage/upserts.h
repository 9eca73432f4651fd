#pragma once

// What a row already stored becomes when it is written again: the newer
// state of the columns that change. The writer and StoreCopy share them,
// so a recorder and a copy agree on what "newer" means.
namespace polymon::Upserts {

inline constexpr char kMarket[] = "ON CONFLICT (condition_id) DO UPDATE SET question=excluded.question, "
                                  "slug=excluded.slug, end_date=excluded.end_date, updated_ms=excluded.updated_ms";
inline constexpr char kAsset[] = "ON CONFLICT (asset_id) DO UPDATE SET condition_id=excluded.condition_id, "
                                 "outcome=excluded.outcome, token_index=excluded.token_index";
inline constexpr char kSpan[] = "ON CONFLICT (session_id) DO UPDATE SET last_ms=excluded.last_ms";
inline constexpr char kCoverage[] = "ON CONFLICT (session_id, asset_id, from_ms) DO UPDATE SET to_ms=excluded.to_ms";
inline constexpr char kOrder[] = "ON CONFLICT (account, id) DO UPDATE SET filled=excluded.filled, status=excluded.status, "
                                 "reason=excluded.reason, updated_ms=excluded.updated_ms, queue_ahead=excluded.queue_ahead";
inline constexpr char kPosition[] = "ON CONFLICT (account, asset_id) DO UPDATE SET size=excluded.size, cost=excluded.cost, "
                                    "realized=excluded.realized, fees=excluded.fees, bought=excluded.bought, "
                                    "sold=excluded.sold, updated_ms=excluded.updated_ms";
// Rows that never change (snapshots, trades, fills, events, a signal's detection).
inline constexpr char kKeepFirst[] = "ON CONFLICT DO NOTHING";

} // namespace polymon::Upserts
