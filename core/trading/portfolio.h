#pragma once

#include "position.h"

#include <QHash>
#include <QString>

#include <vector>

namespace polymon {

// A binary market's two tokens: one YES and one NO together are worth $1.
struct MarketPair
{
    QString conditionId;
    QString yesAsset;
    QString noAsset;
};

// What a market's positions are worth at resolution, both ways.
struct MarketExposure
{
    Fixed yesSize = 0;
    Fixed noSize = 0;
    Fixed cost = 0;      // micro-USDC paid for what is held
    Fixed valueIfYes = 0; // micro-USDC the holdings pay if YES wins
    Fixed valueIfNo = 0;
};

// Positions per token, cash, and the marks they are valued at. Every number
// follows from the fills applied, exactly.
class Portfolio final
{
public:
    void setStartingCash(Fixed cash) noexcept;
    Fixed startingCash() const noexcept { return m_startingCash; }
    Fixed cash() const noexcept { return m_cash; }

    void addMarket(const MarketPair &pair);
    const MarketPair *marketOf(const QString &assetId) const;

    void apply(const Fill &fill);
    // The price a long could exit at now (the best bid); 0 when none.
    void mark(const QString &assetId, Fixed exitPrice);
    Fixed markOf(const QString &assetId) const { return m_marks.value(assetId, 0); }

    const Position *position(const QString &assetId) const;
    Fixed sizeOf(const QString &assetId) const;
    // Every token ever traded, by asset id.
    std::vector<Position> positions() const;
    void restore(const Position &position);

    Fixed realized() const;
    Fixed fees() const;
    Fixed unrealized() const;
    // Realised + unrealised - fees: the account's PnL at the marks.
    Fixed netPnl() const { return realized() + unrealized() - fees(); }
    MarketExposure exposure(const QString &conditionId) const;

    // The fills that settle a resolved market's holdings: each token sold
    // at 1 (the winner) or 0, at `timestampMs`.
    std::vector<Fill> settlement(const QStringList &assetIds, const QString &winningAsset, std::int64_t timestampMs) const;

private:
    Fixed m_startingCash = 0;
    Fixed m_cash = 0;
    QHash<QString, Position> m_positions;
    QHash<QString, Fixed> m_marks;
    QHash<QString, MarketPair> m_markets; // by asset id, both tokens
};

} // namespace polymon
