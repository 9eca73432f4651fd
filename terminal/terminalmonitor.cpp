#include "terminalmonitor.h"

#include "analysis/signaljson.h"
#include "replay/topsline.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace polymon {

namespace {

constexpr const char *kGreen = "\x1b[32m";
constexpr const char *kRed = "\x1b[31m";
constexpr const char *kYellow = "\x1b[33m";
constexpr const char *kBold = "\x1b[1m";
constexpr const char *kReset = "\x1b[0m";
constexpr std::size_t kTapeLength = 10;

QString fixedText(Fixed v)
{
    return QString::fromStdString(formatFixed(v));
}

QString jsonLine(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

TerminalMonitor::TerminalMonitor(MarketMonitor &monitor, bool json, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_json(json)
{
    monitor.setBookListener(this);
    connect(&monitor, &MarketMonitor::connectionStateChanged, this, &TerminalMonitor::onConnectionState);
    connect(&monitor, &MarketMonitor::reconnectScheduled, this, [this](int id, int delayMs, const QString &reason) {
        status(jsonLine({{QStringLiteral("status"), QStringLiteral("reconnecting")},
                         {QStringLiteral("connection"), id},
                         {QStringLiteral("delay_ms"), delayMs},
                         {QStringLiteral("reason"), reason}}));
    });
    connect(&monitor, &MarketMonitor::assetsStale, this, [this](const QStringList &ids) {
        status(jsonLine({{QStringLiteral("status"), QStringLiteral("stale")},
                         {QStringLiteral("assets"), QJsonArray::fromStringList(ids)}}));
    });
    connect(&monitor, &MarketMonitor::bookRestored, this, [this](const QString &id) {
        status(jsonLine({{QStringLiteral("status"), QStringLiteral("synced")}, {QStringLiteral("asset_id"), id}}));
    });
    connect(&monitor, &MarketMonitor::assetUnsynced, this, [this](const QString &id, const QString &reason) {
        status(jsonLine({{QStringLiteral("status"), QStringLiteral("unsynced")},
                         {QStringLiteral("asset_id"), id},
                         {QStringLiteral("reason"), reason}}));
    });
    connect(&monitor, &MarketMonitor::parseErrorOccurred, this, [this](const QString &reason) {
        status(jsonLine({{QStringLiteral("status"), QStringLiteral("malformed_frame")},
                         {QStringLiteral("reason"), reason}}));
    });
    connect(&monitor, &MarketMonitor::tradeReceived, this, &TerminalMonitor::onTrade);
    connect(&monitor, &MarketMonitor::signalFired, this, &TerminalMonitor::onSignal);
    connect(&monitor, &MarketMonitor::outcomeResolved, this, &TerminalMonitor::onOutcome);
    if (!m_json) {
        m_refresh.setInterval(500);
        connect(&m_refresh, &QTimer::timeout, this, &TerminalMonitor::render);
        m_refresh.start();
    }
}

void TerminalMonitor::status(const QString &json)
{
    if (m_json) {
        std::fputs(json.toUtf8().constData(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
        return;
    }
    // The board shows the same status compactly: long token ids shortened.
    QString text = json;
    static const QRegularExpression longId(QStringLiteral("\\d{20,}"));
    for (auto it = longId.globalMatch(json); it.hasNext();) {
        const QString id = it.next().captured();
        text.replace(id, m_labels.value(id, id.left(8) + QStringLiteral("…")).left(40));
    }
    m_events.push_back(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss ")) + text);
    while (m_events.size() > 6)
        m_events.pop_front();
}

void TerminalMonitor::note(const QString &text)
{
    status(jsonLine({{QStringLiteral("status"), QStringLiteral("note")}, {QStringLiteral("text"), text}}));
}

void TerminalMonitor::onConnectionState(int id, FeedConnection::State state, const QString &detail)
{
    const QString name = QString::fromLatin1(FeedConnection::stateName(state));
    m_connectionText.insert(id, name);
    if (state == FeedConnection::State::Connected || state == FeedConnection::State::Reconnecting) {
        status(jsonLine({{QStringLiteral("status"),
                          state == FeedConnection::State::Connected ? QStringLiteral("connected")
                                                                    : QStringLiteral("disconnected")},
                         {QStringLiteral("connection"), id},
                         {QStringLiteral("detail"), detail}}));
    }
}

void TerminalMonitor::onTop(const AssetBook &asset, std::int64_t timestampMs)
{
    ++m_tops;
    if (!m_json)
        return;
    m_out.clear();
    TopsLine::append(m_out, asset, timestampMs);
    std::fwrite(m_out.data(), 1, m_out.size(), stdout);
    std::fflush(stdout);
}

void TerminalMonitor::onTrade(const TradePrint &trade)
{
    if (m_json) {
        status(jsonLine({{QStringLiteral("trade"), trade.assetId},
                         {QStringLiteral("ts"), trade.timestampMs},
                         {QStringLiteral("price"), fixedText(trade.price)},
                         {QStringLiteral("size"), fixedText(trade.size)},
                         {QStringLiteral("side"), trade.side == Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL")}}));
        return;
    }
    m_tape.push_front(trade);
    while (m_tape.size() > kTapeLength)
        m_tape.pop_back();
}

void TerminalMonitor::onSignal(const Signal &signal)
{
    if (m_json) {
        std::puts(SignalJson::line(signal, false).c_str());
        std::fflush(stdout);
        return;
    }
    std::fputc('\a', stdout); // the terminal's own alert
    m_alerts.push_front(signal);
    while (m_alerts.size() > 6)
        m_alerts.pop_back();
}

void TerminalMonitor::onOutcome(const Signal &signal)
{
    if (m_json) {
        std::puts(SignalJson::line(signal, true).c_str());
        std::fflush(stdout);
        return;
    }
    for (Signal &a : m_alerts) {
        if (a.id == signal.id)
            a = signal;
    }
}

void TerminalMonitor::render()
{
    std::string s = "\x1b[H\x1b[2J";
    char line[512];
    s += kBold;
    s += "polymon monitor";
    s += kReset;
    if (m_simulated) {
        s += "  ";
        s += kYellow;
        s += "[SIMULATED exchange]";
        s += kReset;
    }
    QStringList conns;
    for (auto it = m_connectionText.cbegin(); it != m_connectionText.cend(); ++it)
        conns << QStringLiteral("#%1 %2").arg(it.key()).arg(it.value());
    const FrameParserStats &ps = m_monitor.parserStats();
    std::snprintf(line, sizeof line, "  connections: %s  frames %llu  errors %llu  latency p50 %.0f us\n\n",
                  conns.join(QStringLiteral(", ")).toUtf8().constData(), static_cast<unsigned long long>(ps.frames),
                  static_cast<unsigned long long>(ps.errors), double(m_monitor.latencyP50Ns()) / 1000.0);
    s += line;
    std::snprintf(line, sizeof line, "%-44s %8s %8s %7s %7s %8s %12s %12s %6s  %s\n", "market / outcome", "bid", "ask",
                  "spr c", "bps", "mid", "bid depth", "ask depth", "imb", "status");
    s += line;

    std::vector<const AssetBook *> rows;
    m_monitor.books().forEach([&rows](const AssetBook &a) { rows.push_back(&a); });
    std::sort(rows.begin(), rows.end(), [this](const AssetBook *a, const AssetBook *b) {
        return m_labels.value(QString::fromStdString(a->assetId)) < m_labels.value(QString::fromStdString(b->assetId));
    });
    for (const AssetBook *a : rows) {
        const QString id = QString::fromStdString(a->assetId);
        QString label = m_labels.value(id, id.left(14) + QStringLiteral("…"));
        if (label.size() > 44)
            label = label.left(43) + QStringLiteral("…");
        const BookMetrics m = a->book.metrics(100'000);
        const char *colour = a->synced() ? (a->crossed ? kYellow : "") : kRed;
        const std::string state = a->synced() ? (a->crossed ? "crossed" : "ok") : syncStateName(a->state);
        if (m.twoSided()) {
            const double spreadCents = double(m.spread) / 10'000.0;
            const double bps = m.mid > 0 ? double(m.spread) / double(m.mid) * 10'000.0 : 0.0;
            std::snprintf(line, sizeof line, "%-44s %8s %8s %7.2f %7.0f %8s %12s %12s %+6.2f  %s%s%s\n",
                          label.toUtf8().constData(), formatFixed(m.bestBid).c_str(), formatFixed(m.bestAsk).c_str(),
                          spreadCents, bps, formatFixed(m.mid).c_str(), formatFixed(m.bidDepth).c_str(),
                          formatFixed(m.askDepth).c_str(), m.imbalance, colour, state.c_str(), kReset);
        } else {
            std::snprintf(line, sizeof line, "%-44s %8s %8s %7s %7s %8s %12s %12s %6s  %s%s%s\n",
                          label.toUtf8().constData(), m.hasBid ? formatFixed(m.bestBid).c_str() : "-",
                          m.hasAsk ? formatFixed(m.bestAsk).c_str() : "-", "-", "-", "-",
                          formatFixed(m.bidDepth).c_str(), formatFixed(m.askDepth).c_str(), "-", colour, state.c_str(),
                          kReset);
        }
        s += line;
    }
    s += "\ntrade tape\n";
    for (const TradePrint &t : m_tape) {
        const QString label = m_labels.value(t.assetId, t.assetId.left(14));
        std::snprintf(line, sizeof line, "  %s%-4s%s %10s @ %-6s  %s\n", t.side == Side::Buy ? kGreen : kRed,
                      t.side == Side::Buy ? "BUY" : "SELL", kReset, formatFixed(t.size).c_str(),
                      formatFixed(t.price).c_str(), label.left(60).toUtf8().constData());
        s += line;
    }
    s += "\nsignals\n";
    if (m_alerts.empty())
        s += "  (none yet: signals need a warm baseline)\n";
    for (const Signal &a : m_alerts) {
        const QString label = m_labels.value(QString::fromStdString(a.assetId), QString::fromStdString(a.assetId).left(14));
        const char *colour = a.side == SignalSide::Buy ? kGreen : a.side == SignalSide::Sell ? kRed : kYellow;
        std::string outcome = "open";
        if (a.resolved)
            outcome = a.reverted ? "reverted" : "did not revert";
        std::snprintf(line, sizeof line, "  %s%s%-16s %3d%% %-5s%s %s  [%s]\n    %s\n",
                      QDateTime::fromMSecsSinceEpoch(a.timestampMs).toString(QStringLiteral("HH:mm:ss ")).toUtf8().constData(),
                      colour, signalTypeName(a.type), a.confidence, signalSideName(a.side), kReset,
                      label.left(50).toUtf8().constData(), outcome.c_str(), a.description.c_str());
        s += line;
    }
    s += "\nevents\n";
    for (const QString &e : m_events) {
        s += "  ";
        s += e.toUtf8().constData();
        s += '\n';
    }
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fflush(stdout);
}

} // namespace polymon
