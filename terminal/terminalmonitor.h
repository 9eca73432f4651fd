#pragma once

#include "book/booklistener.h"
#include "monitor/marketmonitor.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <deque>
#include <string>

namespace polymon {

// `polymon-cli monitor`: a live terminal board (books, spread in cents and
// bps, depth, imbalance, status, coloured trade tape) or, with --json, one
// JSON line per top and per status change.
class TerminalMonitor final : public QObject, public BookListener
{
    Q_OBJECT
public:
    TerminalMonitor(MarketMonitor &monitor, bool json, QObject *parent = nullptr);

    void setLabel(const QString &assetId, const QString &label) { m_labels.insert(assetId, label); }
    void setSimulated(bool simulated) { m_simulated = simulated; }
    void render();
    // A free-form event line (JSON {"status":"note"} with --json).
    void note(const QString &text);

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;

private:
    void status(const QString &json);
    void onConnectionState(int id, FeedConnection::State state, const QString &detail);
    void onTrade(const TradePrint &trade);
    void onSignal(const Signal &signal);
    void onOutcome(const Signal &signal);

    MarketMonitor &m_monitor;
    bool m_json;
    bool m_simulated = false;
    QHash<QString, QString> m_labels;
    QHash<int, QString> m_connectionText;
    std::deque<TradePrint> m_tape;
    std::deque<QString> m_events;
    std::deque<Signal> m_alerts;
    QTimer m_refresh;
    std::string m_out;
    quint64 m_tops = 0;
};

} // namespace polymon
