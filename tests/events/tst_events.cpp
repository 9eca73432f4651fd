// The event study on a stream built with a known effect: the mid moves
// +3 ticks 5 s after each "goal" and nothing follows "noise"; the study must
// recover both within its intervals, through the library and the CLI.
#include "events/chatactivity.h"
#include "events/commentevents.h"
#include "events/commentsfeedclient.h"
#include "events/chatfeedclient.h"
#include "analysis/signal.h"
#include "events/eventfeatures.h"
#include "events/ircmessage.h"
#include "sim/simchatserver.h"
#include "events/eventfile.h"
#include "events/eventmodel.h"
#include "events/sportsfeedclient.h"
#include "events/sportsresults.h"
#include "sim/simexchange.h"
#include "storage/eventreader.h"
#include "storage/storagewriter.h"
#include "sim/simsportsfeed.h"
#include "events/eventstudy.h"
#include "events/midseries.h"
#include "replay/replayengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace polymon;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr int kSeconds = 3600;
const char kMarket[] = "0xm";
const char kYes[] = "111";

QString price(int cents)
{
    return QString::number(cents / 100.0, 'f', 2);
}

QByteArray bookLine(int bid, int ask)
{
    return QStringLiteral(R"({"event_type":"book","asset_id":"%1","market":"%2","bids":[{"price":"%3","size":"100"}],)"
                          R"("asks":[{"price":"%4","size":"100"}],"timestamp":"%5","hash":"h0"})")
               .arg(QLatin1String(kYes), QLatin1String(kMarket), price(bid), price(ask))
               .arg(kT0)
               .toUtf8()
           + '\n';
}

QString entry(int cents, int size, const char *side)
{
    return QStringLiteral(R"({"asset_id":"%1","price":"%2","size":"%3","side":"%4"})")
        .arg(QLatin1String(kYes), price(cents))
        .arg(size)
        .arg(QLatin1String(side));
}

QByteArray priceChangeLine(qint64 ts, const QStringList &entries)
{
    return QStringLiteral(R"({"market":"%1","price_changes":[%2],"timestamp":"%3","event_type":"price_change"})")
               .arg(QLatin1String(kMarket), entries.join(QLatin1Char(',')))
               .arg(ts)
               .toUtf8()
           + '\n';
}

// The entries that move both sides by `step` ticks, the side moving away
// from the other first so the book never crosses.
QStringList moveEntries(int bid, int ask, int step, int bidSize = 100, int askSize = 100)
{
    if (step > 0)
        return {entry(ask, 0, "SELL"), entry(ask + step, askSize, "SELL"), entry(bid, 0, "BUY"), entry(bid + step, bidSize, "BUY")};
    return {entry(bid, 0, "BUY"), entry(bid + step, bidSize, "BUY"), entry(ask, 0, "SELL"), entry(ask + step, askSize, "SELL")};
}

// A one-token book that walks by whole ticks around 50c, plus a +3 tick jump
// 5 s after each goal. Returns the JSONL stream; goals and noise are filled.
QByteArray buildStream(std::vector<qint64> &goals, std::vector<qint64> &noise)
{
    int bid = 50, ask = 52;
    QByteArray out = bookLine(bid, ask);
    auto move = [&](int step, qint64 ts) {
        out += priceChangeLine(ts, moveEntries(bid, ask, step));
        bid += step;
        ask += step;
    };
    QRandomGenerator random(7);
    for (int s = 20; s < kSeconds - 200; s += 80) {
        goals.push_back(kT0 + s * 1000LL + 300);
        noise.push_back(kT0 + (s + 40) * 1000LL + 700);
    }
    std::size_t nextGoal = 0;
    for (qint64 ms = kT0 + 1000; ms < kT0 + kSeconds * 1000LL; ms += 500) {
        if (nextGoal < goals.size() && goals[nextGoal] + 5000 <= ms) {
            move(3, goals[nextGoal] + 5000);
            ++nextGoal;
        }
        if ((ms - kT0) % 2000 == 0) {
            // A walk that leans back toward 51c.
            const double up = std::clamp(0.5 - (bid - 50) * 0.05, 0.1, 0.9);
            move(random.generateDouble() < up ? 1 : -1, ms);
        }
    }
    return out;
}

QByteArray eventsJsonl(const std::vector<qint64> &goals, const std::vector<qint64> &noise)
{
    QByteArray out;
    for (qint64 t : goals)
        out += QStringLiteral(R"({"ts": %1, "type": "goal", "market": "%2", "text": "GOAL"})").arg(t).arg(QLatin1String(kMarket)).toUtf8() + '\n';
    for (qint64 t : noise)
        out += QStringLiteral(R"({"ts": %1, "type": "noise", "asset_id": "%2"})").arg(t).arg(QLatin1String(kYes)).toUtf8() + '\n';
    return out;
}

// A book whose move 10 s after each event follows the depth imbalance set
// just before it (with `flipShare` of the moves the other way), or, when
// `predictive` is false, moves at random whatever the depth says.
QByteArray buildImbalanceStream(int events, bool predictive, double flipShare, quint32 seed, std::vector<qint64> &times)
{
    int bid = 50, ask = 52;
    QByteArray out = bookLine(bid, ask);
    QRandomGenerator random(seed);
    int bidSize = 100, askSize = 100;
    for (int i = 0; i < events; ++i) {
        const qint64 t = kT0 + 10'000 + i * 40'000LL;
        const bool heavyBids = random.bounded(2) == 0;
        bidSize = heavyBids ? 500 : 100;
        askSize = heavyBids ? 100 : 500;
        out += priceChangeLine(t - 2000, {entry(bid, bidSize, "BUY"), entry(ask, askSize, "SELL")});
        times.push_back(t);
        bool up = predictive ? heavyBids : random.bounded(2) == 0;
        if (random.generateDouble() < flipShare)
            up = !up;
        if (bid <= 10 || ask >= 90)
            up = bid <= 10;
        const int step = up ? 1 : -1;
        out += priceChangeLine(t + 10'000, moveEntries(bid, ask, step, bidSize, askSize));
        bid += step;
        ask += step;
    }
    out += priceChangeLine(kT0 + 10'000 + events * 40'000LL, {entry(bid, bidSize, "BUY")}); // the stream runs past the last horizon
    return out;
}

std::vector<MarketEvent> burstEvents(const std::vector<qint64> &times)
{
    std::vector<MarketEvent> events;
    for (qint64 t : times)
        events.push_back(MarketEvent{t, QStringLiteral("trade burst"), QLatin1String(kMarket), {}, {}, {}});
    return events;
}

EventModel::Report modelOn(const QByteArray &stream, const std::vector<qint64> &times, int horizonS = 30)
{
    EventFeatureRecorder recorder(burstEvents(times), horizonS);
    ReplayEngine engine(&recorder);
    engine.loadText(std::string_view(stream.constData(), std::size_t(stream.size())));
    engine.run();
    return EventModel::fitAndScore(recorder.samples());
}

} // namespace

class TstEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventsAreStoredOnceAndExported()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("events.db"));
        {
            StorageWriter writer(db);
            writer.start();
            const MarketEvent goal{1000, QStringLiteral("score home"), {}, {}, QStringLiteral("HOME 1-0 AWAY, 1H 12:00"),
                                   QStringLiteral("sim-market-5")};
            writer.enqueue(EventRow{goal, QStringLiteral("sports")});
            writer.enqueue(EventRow{goal, QStringLiteral("sports")}); // the same event again: kept once
            writer.enqueue(EventRow{MarketEvent{500, QStringLiteral("note"), QStringLiteral("0xm"), {}, {}, {}}, QStringLiteral("file")});
            writer.stop();
            QCOMPARE(writer.stats().lastError, QString());
        }
        std::vector<MarketEvent> stored;
        QString error;
        QVERIFY2(EventReader::read(db, 0, 10'000, stored, error), qPrintable(error));
        QCOMPARE(stored.size(), std::size_t(2));
        QCOMPARE(stored[0].type, QStringLiteral("note")); // oldest first
        QCOMPARE(stored[1].slug, QStringLiteral("sim-market-5"));
        // Out as JSONL, back in as the same events.
        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        QProcess cli;
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("events"), QStringLiteral("export"), QStringLiteral("--db"), db,
                                                    QStringLiteral("--since"), QStringLiteral("0"), QStringLiteral("--out"), out});
        QVERIFY(cli.waitForFinished(30'000));
        QCOMPARE(cli.exitCode(), 0);
        EventFile::Result back;
        QVERIFY(EventFile::read(out, back, error));
        QCOMPARE(back.badLines, 0);
        QCOMPARE(back.events.size(), std::size_t(2));
        QCOMPARE(back.events[1].text, stored[1].text);
        QCOMPARE(back.events[1].slug, stored[1].slug);
        QCOMPARE(back.events[0].market, QStringLiteral("0xm"));
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("events"), QStringLiteral("export"), QStringLiteral("--db"), db});
        QVERIFY(cli.waitForFinished(30'000));
        QCOMPARE(cli.exitCode(), 2); // no --out: usage
    }

    void sportsUpdatesBecomeTypedEvents()
    {
        SportsResults results;
        std::vector<MarketEvent> events;
        QString error;
        auto update = [](const char *json) { return QJsonDocument::fromJson(json).object(); };
        // The documented NFL example, first seen mid-game: its state only.
        QVERIFY(results.apply(update(R"({"gameId":19439,"leagueAbbreviation":"nfl","slug":"nfl-lac-buf-2025-01-26","homeTeam":"LAC",)"
                                     R"("awayTeam":"BUF","status":"InProgress","score":"3-16","period":"Q4","elapsed":"5:18","live":true,)"
                                     R"("ended":false,"turn":"lac"})"),
                              1000, events, error));
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].type, QStringLiteral("status"));
        QCOMPARE(events[0].slug, QStringLiteral("nfl-lac-buf-2025-01-26"));
        QCOMPARE(events[0].text, QStringLiteral("LAC 3-16 BUF, Q4 5:18"));
        events.clear();
        QVERIFY(results.apply(update(R"({"slug":"nfl-lac-buf-2025-01-26","homeTeam":"LAC","awayTeam":"BUF","score":"10-16",)"
                                     R"("period":"Q4","live":true,"ended":false,"turn":"buf"})"),
                              2000, events, error));
        QCOMPARE(events.size(), std::size_t(2)); // a touchdown and a field goal are one rise; possession changed
        QCOMPARE(events[0].type, QStringLiteral("score home"));
        QCOMPARE(events[1].type, QStringLiteral("possession"));
        QCOMPARE(events[0].tsMs, 2000);
        events.clear();
        QVERIFY(results.apply(update(R"({"slug":"nfl-lac-buf-2025-01-26","score":"10-19","period":"OT","live":false,"ended":true,"turn":"buf"})"),
                              3000, events, error));
        QStringList types;
        for (const MarketEvent &e : events)
            types << e.type;
        QCOMPARE(types, (QStringList{QStringLiteral("score away"), QStringLiteral("period"), QStringLiteral("ended")}));
        // Esports scores count maps; something else is refused with a reason.
        events.clear();
        QVERIFY(results.apply(update(R"({"slug":"cs2-a-b","score":"000-000|1-0|Bo3","period":"2/3","live":true})"), 4000, events, error));
        QVERIFY(results.apply(update(R"({"slug":"cs2-a-b","score":"000-000|1-1|Bo3","period":"3/3","live":true})"), 5000, events, error));
        QCOMPARE(events.back().type, QStringLiteral("period"));
        QCOMPARE(events[events.size() - 2].type, QStringLiteral("score away"));
        QVERIFY(!results.apply(update(R"({"event_type":"book"})"), 6000, events, error));
        QVERIFY(!error.isEmpty());
    }

    void theSimulatorPlaysAGameThatMovesItsMarket()
    {
        SimExchange exchange(9, 6);
        exchange.setRate(0);
        QVERIFY(exchange.listen());
        const Fixed fair0 = exchange.engine().markets()[4].fair;
        SimSportsFeed feed(&exchange, 4, 3);
        feed.setPace(400, 100);
        QVERIFY(feed.listen());
        SportsFeedClient client;
        std::vector<MarketEvent> seen;
        connect(&client, &SportsFeedClient::eventsReceived, this,
                [&seen](const std::vector<MarketEvent> &events) { seen.insert(seen.end(), events.begin(), events.end()); });
        client.start(feed.url());
        auto scored = [&seen] {
            return std::count_if(seen.begin(), seen.end(), [](const MarketEvent &e) { return e.type.startsWith(QLatin1String("score")); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(scored() >= 2, 20'000);
        QCOMPARE(seen.front().type, QStringLiteral("status"));
        QCOMPARE(seen.front().slug, QString::fromStdString(exchange.engine().markets()[4].slug));
        QTRY_VERIFY(feed.pongs() > 0); // its pings are answered
        QCOMPARE(client.malformedCount(), 0);
        // Each goal moved the market's value: home up, away down, 6 ticks each
        // (checked at a moment when no goal is on its way to the client).
        // The first update gives the score so far ("HOME a-b AWAY, ..."), then every goal is an event.
        const QStringList first = seen.front().text.section(QLatin1Char(' '), 1, 1).split(QLatin1Char('-'));
        auto agrees = [&] {
            int net = first.value(0).toInt() - first.value(1).toInt();
            for (const MarketEvent &e : seen)
                net += e.type == QLatin1String("score home") ? 1 : e.type == QLatin1String("score away") ? -1 : 0;
            return exchange.engine().markets()[4].fair - fair0 == Fixed(net) * 60'000;
        };
        QTRY_VERIFY(agrees());
    }

    void theModelLearnsWhatTheBookSaysAndNothingElse()
    {
        // The depth says where the mid goes (80 % of the time): out of sample it shows.
        std::vector<qint64> times;
        const EventModel::Report told = modelOn(buildImbalanceStream(200, true, 0.2, 3, times), times);
        QVERIFY2(told.enoughData, qPrintable(told.reason));
        QCOMPARE(told.samples, 200);
        QCOMPARE(told.train, 140);
        QVERIFY2(told.auc > 0.7, qPrintable(QString::number(told.auc)));
        QVERIFY2(told.accuracy > told.baseRate, qPrintable(QStringLiteral("%1 vs %2").arg(told.accuracy).arg(told.baseRate)));
        QVERIFY(told.weights[0] > 0); // imbalance toward the bids: up
        // The depth says nothing: no skill out of sample.
        times.clear();
        const EventModel::Report blind = modelOn(buildImbalanceStream(200, false, 0.0, 5, times), times);
        QVERIFY(blind.enoughData);
        qInfo("told: AUC %.3f, accuracy %.3f against %.3f; blind: AUC %.3f, accuracy %.3f against %.3f", told.auc, told.accuracy,
              told.baseRate, blind.auc, blind.accuracy, blind.baseRate);
        QVERIFY2(blind.auc > 0.3 && blind.auc < 0.7, qPrintable(QString::number(blind.auc)));
        // Too few events: said plainly.
        times.clear();
        const EventModel::Report few = modelOn(buildImbalanceStream(12, true, 0.0, 3, times), times);
        QVERIFY(!few.enoughData);
        QVERIFY(few.reason.startsWith(QLatin1String("too little data")));
        // AUC itself: perfect, inverted, ties.
        QCOMPARE(EventModel::auc({0.1, 0.2, 0.8, 0.9}, {false, false, true, true}), 1.0);
        QCOMPARE(EventModel::auc({0.9, 0.8, 0.2, 0.1}, {false, false, true, true}), 0.0);
        QCOMPARE(EventModel::auc({0.5, 0.5}, {false, true}), 0.5);
    }

    void theModelCliTrainsOnEarlierRecordings()
    {
        QTemporaryDir dir;
        std::vector<qint64> times;
        const QByteArray stream = buildImbalanceStream(200, true, 0.2, 3, times);
        QFile f(dir.filePath(QStringLiteral("session.jsonl")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(stream);
        f.close();
        QFile events(dir.filePath(QStringLiteral("events.csv")));
        QVERIFY(events.open(QIODevice::WriteOnly));
        events.write("ts,type,market,asset_id,text\n");
        for (qint64 t : times)
            events.write(QStringLiteral("%1,trade burst,%2,,\n").arg(t).arg(QLatin1String(kMarket)).toUtf8());
        events.close();
        QProcess cli;
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("events"), QStringLiteral("model"), QStringLiteral("--capture"),
                                                    f.fileName(), QStringLiteral("--events"), events.fileName(), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(60'000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QVERIFY(out.value(QStringLiteral("enough_data")).toBool());
        QCOMPARE(out.value(QStringLiteral("test")).toInt(), 60);
        QVERIFY(out.value(QStringLiteral("auc")).toDouble() > 0.7);
        QVERIFY(out.value(QStringLiteral("weights")).toObject().contains(QStringLiteral("imbalance")));
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("events"), QStringLiteral("model"), QStringLiteral("--capture"),
                                                    f.fileName(), QStringLiteral("--events"), events.fileName(), QStringLiteral("--horizon"),
                                                    QStringLiteral("soon")});
        QVERIFY(cli.waitForFinished(30'000));
        QCOMPARE(cli.exitCode(), 2);
    }

    void eventFilesAreReadAndBadLinesCounted()
    {
        const EventFile::Result jsonl = EventFile::parse(
            "{\"ts\": 2000, \"type\": \"goal\", \"market\": \"0xm\"}\n"
            "\n"
            "not json\n"
            "{\"ts\": 1000, \"type\": \"chat\", \"asset_id\": \"1\", \"text\": \"wow\"}\n"
            "{\"ts\": 1.5, \"type\": \"x\"}\n"
            "{\"ts\": 3000}\n");
        QCOMPARE(jsonl.events.size(), std::size_t(2));
        QCOMPARE(jsonl.events[0].type, QStringLiteral("chat")); // in time order
        QCOMPARE(jsonl.events[1].market, QStringLiteral("0xm"));
        QCOMPARE(jsonl.badLines, 3);
        QVERIFY(jsonl.problems.first().startsWith(QLatin1String("line 3:")));
        const EventFile::Result csv = EventFile::parse("ts,type,market,asset_id,text\n"
                                                       "1000,goal,0xm,,\"Messi, 90+2\"\"\"\n"
                                                       "soon,goal,,,\n");
        QCOMPARE(csv.events.size(), std::size_t(1));
        QCOMPARE(csv.events[0].text, QStringLiteral("Messi, 90+2\""));
        QCOMPARE(csv.badLines, 1);
    }

    void aKnownEffectIsRecovered()
    {
        std::vector<qint64> goals, noise;
        const QByteArray stream = buildStream(goals, noise);
        MidSeries mids;
        ReplayEngine engine(&mids);
        engine.loadText(std::string_view(stream.constData(), std::size_t(stream.size())));
        const ReplaySummary summary = engine.run();
        QCOMPARE(summary.errors, std::uint64_t(0));
        QCOMPARE(summary.desyncs, std::uint64_t(0));
        const EventFile::Result events = EventFile::parse(eventsJsonl(goals, noise));
        const std::vector<EventStudy::TypeResult> results = EventStudy::run(events.events, mids, {});
        QCOMPARE(results.size(), std::size_t(2));
        const EventStudy::TypeResult &goal = results[0];
        const EventStudy::TypeResult &quiet = results[1];
        QCOMPARE(goal.type, QStringLiteral("goal"));
        QCOMPARE(goal.events, int(goals.size()));
        const EventStudy::Horizon &g5 = goal.horizons[0];
        QCOMPARE(g5.seconds, 5);
        QCOMPARE(g5.n, int(goals.size()));
        // +3 ticks, inside its interval, and the interval excludes no effect.
        QVERIFY2(g5.ciLow <= 0.03 && 0.03 <= g5.ciHigh, qPrintable(QStringLiteral("%1 [%2, %3]").arg(g5.meanMove).arg(g5.ciLow).arg(g5.ciHigh)));
        QVERIFY(g5.ciLow > 0.0);
        QVERIFY(std::abs(g5.baselineMean) < 0.01); // random times: no such move
        // Noise: nothing, its interval holds 0.
        for (const EventStudy::Horizon &h : quiet.horizons)
            QVERIFY2(h.ciLow <= 0.0 && 0.0 <= h.ciHigh, qPrintable(QStringLiteral("%1 s: [%2, %3]").arg(h.seconds).arg(h.ciLow).arg(h.ciHigh)));
        // The book follows goals by 5 s.
        QVERIFY2(goal.leadLagS == 5, qPrintable(QStringLiteral("lag %1 r %2, noise lag %3").arg(goal.leadLagS).arg(goal.lagCorrelation).arg(quiet.leadLagS)));
        QVERIFY(goal.lagCorrelation > 0.3);
    }

    void ircLinesAreParsed()
    {
        // Lines as Twitch's IRC documentation shows them.
        IrcMessage m;
        QString error;
        QVERIFY(IrcMessage::parse(QStringLiteral("@badge-info=;display-name=Ronni;emotes=;id=b34ccfc7;mod=0;"
                                                 "tmi-sent-ts=1642696567751;user-type= :ronni!ronni@ronni.tmi.twitch.tv "
                                                 "PRIVMSG #dallas :Kappa Keepo Kappa\r\n"),
                                  m, error));
        QCOMPARE(m.command, QStringLiteral("PRIVMSG"));
        QCOMPARE(m.nick(), QStringLiteral("ronni"));
        QCOMPARE(m.params, QStringList({QStringLiteral("#dallas"), QStringLiteral("Kappa Keepo Kappa")}));
        QCOMPARE(m.tags.value(QStringLiteral("tmi-sent-ts")), QStringLiteral("1642696567751"));
        QCOMPARE(m.tags.value(QStringLiteral("display-name")), QStringLiteral("Ronni"));
        QVERIFY(m.tags.contains(QStringLiteral("badge-info")));
        // Escaped tag values; a PING; a numeric reply.
        QVERIFY(IrcMessage::parse(QStringLiteral("@system-msg=a\\sb\\:c\\\\d :tmi.twitch.tv USERNOTICE #dallas"), m, error));
        QCOMPARE(m.tags.value(QStringLiteral("system-msg")), QStringLiteral("a b;c\\d"));
        QVERIFY(IrcMessage::parse(QStringLiteral("PING :tmi.twitch.tv"), m, error));
        QCOMPARE(m.command, QStringLiteral("PING"));
        QCOMPARE(m.last(), QStringLiteral("tmi.twitch.tv"));
        QVERIFY(IrcMessage::parse(QStringLiteral(":tmi.twitch.tv 001 justinfan123 :Welcome, GLHF!"), m, error));
        QCOMPARE(m.command, QStringLiteral("001"));
        // Not IRC: said, not fatal.
        QVERIFY(!IrcMessage::parse(QStringLiteral(""), m, error));
        QVERIFY(!IrcMessage::parse(QStringLiteral(":prefix-only"), m, error));
        QVERIFY(!IrcMessage::parse(QStringLiteral("{\"json\": 1}"), m, error));
    }

    void chatBurstsAndKeywordsAreFound()
    {
        ChatActivity::Options options;
        options.keywords = {QStringLiteral("goal"), QStringLiteral("red card")};
        MarketEvent concerns;
        concerns.market = QLatin1String(kMarket);
        ChatActivity chat(options, concerns);
        std::vector<MarketEvent> out;
        // Two minutes at 2 messages a second, none naming a keyword as a word.
        for (int s = 0; s < 120; ++s) {
            chat.add(kT0 + s * 1000 + 100, QStringLiteral("what a goalkeeper"), out);
            chat.add(kT0 + s * 1000 + 600, QStringLiteral("come on"), out);
        }
        chat.advance(kT0 + 120'000, out);
        QVERIFY(std::none_of(out.begin(), out.end(), [](const MarketEvent &e) { return e.type != QLatin1String("chat_rate"); }));
        QCOMPARE(out.size(), std::size_t(120)); // a pace sample a second
        QCOMPARE(out.back().text, QStringLiteral("2"));
        QCOMPARE(out.back().market, QLatin1String(kMarket));
        QVERIFY(std::abs(chat.usualRate() - 2.0) < 0.01);
        out.clear();
        // A goal: 20 messages a second for 6 s; the keyword once per cooldown, in any case.
        for (int s = 120; s < 126; ++s)
            for (int i = 0; i < 20; ++i)
                chat.add(kT0 + s * 1000 + i * 50, i % 2 ? QStringLiteral("GOAL!!!") : QStringLiteral("unreal"), out);
        chat.add(kT0 + 126'500, QStringLiteral("that was a Red Card surely"), out);
        chat.advance(kT0 + 127'000, out);
        std::vector<MarketEvent> bursts, keywords;
        std::copy_if(out.begin(), out.end(), std::back_inserter(bursts), [](const MarketEvent &e) { return e.type == QLatin1String("chat_burst"); });
        std::copy_if(out.begin(), out.end(), std::back_inserter(keywords), [](const MarketEvent &e) { return e.type == QLatin1String("chat_keyword"); });
        QCOMPARE(bursts.size(), std::size_t(1));
        QCOMPARE(bursts[0].tsMs, kT0 + 120'000); // dated when it began, not when it was seen
        QVERIFY2(bursts[0].text.contains(QStringLiteral("the usual 2.")), qPrintable(bursts[0].text)); // seen two seconds in
        QCOMPARE(keywords.size(), std::size_t(2));
        QVERIFY(keywords[0].text.startsWith(QStringLiteral("goal: GOAL!!!")));
        QCOMPARE(keywords[0].tsMs, kT0 + 120'050);
        QVERIFY(keywords[1].text.startsWith(QStringLiteral("red card: ")));
        // Back to the usual pace: the burst ends, and the next one is found again.
        out.clear();
        for (int s = 127; s < 160; ++s)
            for (int half : {0, 500})
                chat.add(kT0 + s * 1000 + half, QStringLiteral("ok"), out);
        chat.advance(kT0 + 160'000, out);
        QVERIFY(!chat.inBurst());
        QVERIFY(std::abs(chat.usualRate() - 2.0) < 0.2); // the burst did not teach what is usual
    }

    void theSimulatorsChatIsReadOverIrcWebSocket()
    {
        SimChatServer server(nullptr, 0, 5);
        server.setPingEveryMs(200);
        server.setBaseRate(4);
        QVERIFY(server.listen());
        ChatFeedClient client;
        std::vector<MarketEvent> seen;
        connect(&client, &ChatFeedClient::eventsReceived, this,
                [&seen](const std::vector<MarketEvent> &events) { seen.insert(seen.end(), events.begin(), events.end()); });
        ChatActivity::Options options;
        options.keywords = {QStringLiteral("goal")};
        options.warmupS = 3;
        MarketEvent concerns;
        concerns.slug = QStringLiteral("home-final");
        client.start(server.url(), QStringLiteral("Final"), options, concerns);
        QTRY_VERIFY_WITH_TIMEOUT(client.messageCount() > 10, 10'000);
        QCOMPARE(client.channel(), QStringLiteral("#final"));
        QTRY_VERIFY(server.pongs() > 0); // its pings are answered
        // Let the usual pace settle, then a goal: a burst and the keyword, naming the game.
        QTest::qWait(4'500);
        server.goal(true);
        auto has = [&seen](const char *type) {
            return std::any_of(seen.begin(), seen.end(), [type](const MarketEvent &e) { return e.type == QLatin1String(type); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(has("chat_burst"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(has("chat_keyword"), 5'000);
        QVERIFY(has("chat_rate"));
        for (const MarketEvent &e : seen)
            QCOMPARE(e.slug, QStringLiteral("home-final"));
        QCOMPARE(client.malformedCount(), 0);
    }

    void chatPaceCorrelatesWithTheBookAtItsLag()
    {
        // The book jumps 5 s after each goal; the chat bursts at the goal.
        std::vector<qint64> goals, noise;
        const QByteArray stream = buildStream(goals, noise);
        MidSeries mids;
        ReplayEngine engine(&mids);
        engine.loadText(std::string_view(stream.constData(), std::size_t(stream.size())));
        engine.run();
        QRandomGenerator random(11);
        auto paceEvents = [&](bool withBursts) {
            std::vector<MarketEvent> events;
            std::size_t next = 0;
            for (int s = 0; s < kSeconds; ++s) {
                int messages = 1 + int(random.bounded(3));
                const qint64 sec = kT0 / 1000 + s;
                while (next < goals.size() && goals[next] / 1000 < sec)
                    ++next;
                if (withBursts && next < goals.size() && goals[next] / 1000 == sec)
                    messages += 30;
                if (withBursts && next > 0 && goals[next - 1] / 1000 == sec - 1)
                    messages += 10;
                events.push_back(MarketEvent{sec * 1000, QStringLiteral("chat_rate"), QLatin1String(kMarket), {},
                                             QString::number(messages), {}});
            }
            return events;
        };
        const auto excited = EventStudy::run(paceEvents(true), mids, {});
        QCOMPARE(excited.size(), std::size_t(1));
        QVERIFY2(excited[0].leadLagS == 5, qPrintable(QStringLiteral("lag %1 r %2").arg(excited[0].leadLagS).arg(excited[0].lagCorrelation)));
        QVERIFY(excited[0].lagCorrelation > 0.3);
        const QJsonArray json = EventStudy::toJson(excited);
        const QJsonArray curve = json[0].toObject().value(QStringLiteral("cross_correlation")).toArray();
        QCOMPARE(curve.size(), 61);
        QCOMPARE(curve[0].toObject().value(QStringLiteral("lag_s")).toInt(), -30);
        QCOMPARE(curve[35].toObject().value(QStringLiteral("lag_s")).toInt(), 5);
        // Chat that ignores the game: no lag stands out.
        const auto idle = EventStudy::run(paceEvents(false), mids, {});
        QVERIFY2(idle[0].lagCorrelation < 0.1, qPrintable(QString::number(idle[0].lagCorrelation)));
    }

    void theSignalStateIsAFeature()
    {
        // Events 10 s and 90 s after a FOMO signal (buy) on the token: the first sees it, the second no more.
        std::vector<MarketEvent> events{MarketEvent{kT0 + 20'000, QStringLiteral("goal"), {}, QLatin1String(kYes), {}, {}},
                                        MarketEvent{kT0 + 100'000, QStringLiteral("goal"), {}, QLatin1String(kYes), {}, {}}};
        EventFeatureRecorder recorder(events, 5);
        QByteArray stream = bookLine(50, 52);
        stream += priceChangeLine(kT0 + 21'000, {entry(50, 120, "BUY")});
        stream += priceChangeLine(kT0 + 24'000, moveEntries(50, 52, 1)); // 51c -> 52c after the first event
        stream += priceChangeLine(kT0 + 101'000, {entry(51, 130, "BUY")});
        stream += priceChangeLine(kT0 + 104'000, moveEntries(51, 53, -1)); // and back after the second
        stream += priceChangeLine(kT0 + 110'000, {entry(50, 140, "BUY")});   // the stream covers its horizon
        ReplayEngine engine(&recorder);
        Signal fomo;
        fomo.assetId = kYes;
        fomo.type = SignalType::FomoBuy;
        fomo.side = SignalSide::Buy;
        fomo.timestampMs = kT0 + 10'000;
        recorder.onSignal(fomo);
        engine.loadText(std::string_view(stream.constData(), std::size_t(stream.size())));
        engine.run();
        const auto samples = recorder.samples();
        QCOMPARE(samples.size(), std::size_t(2));
        QCOMPARE(samples[0].tsMs, kT0 + 20'000);
        QCOMPARE(samples[0].signalLean, 1.0);
        QVERIFY(samples[0].up);
        QCOMPARE(samples[1].signalLean, 0.0);
        QVERIFY(!samples[1].up);
        QVERIFY(EventModel::fitAndScore(samples).features.contains(QStringLiteral("signal_lean_60s")));
    }

    void commentsAreReadFromTheRealTimeDataSocket()
    {
        QFile fixture(QStringLiteral(POLYMON_FIXTURES_DIR "/rtds/comments.jsonl"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = fixture.readAll().split('\n');
        MarketEvent concerns;
        concerns.market = QLatin1String(kMarket);
        // The parser on the documented messages.
        std::vector<MarketEvent> parsed;
        int bad = 0;
        for (const QByteArray &line : lines) {
            if (line.trimmed().isEmpty())
                continue;
            QString error;
            if (!CommentEvents::parse(QJsonDocument::fromJson(line).object(), concerns, parsed, error))
                ++bad;
        }
        QCOMPARE(bad, 1); // the comment without a body
        QCOMPARE(parsed.size(), std::size_t(2));
        QCOMPARE(parsed[0].tsMs, qint64(1753454975808));
        QCOMPARE(parsed[0].type, QStringLiteral("comment"));
        QVERIFY(parsed[0].text.startsWith(QStringLiteral("salted.caramel: do you know")));
        QCOMPARE(parsed[0].market, QLatin1String(kMarket));
        QCOMPARE(parsed[1].tsMs, QDateTime::fromString(QStringLiteral("2025-07-25T14:50:01.5Z"), Qt::ISODateWithMs).toMSecsSinceEpoch());
        QCOMPARE(parsed[1].text, QStringLiteral("Quiet-Owl: no way this resolves yes"));

        // The client against a local socket speaking RTDS: it subscribes to the event, pings, and reports.
        QWebSocketServer server(QStringLiteral("rtds"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QJsonObject subscription;
        int pings = 0;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            QWebSocket *socket = server.nextPendingConnection();
            connect(socket, &QWebSocket::textMessageReceived, socket, [&, socket](const QString &text) {
                if (text == QLatin1String("PING")) {
                    ++pings;
                    socket->sendTextMessage(QStringLiteral("PONG"));
                    return;
                }
                subscription = QJsonDocument::fromJson(text.toUtf8()).object();
                for (const QByteArray &line : lines)
                    if (!line.trimmed().isEmpty())
                        socket->sendTextMessage(QString::fromUtf8(line));
                socket->sendTextMessage(QStringLiteral("not json"));
            });
        });
        CommentsFeedClient client;
        std::vector<MarketEvent> seen;
        connect(&client, &CommentsFeedClient::eventsReceived, this,
                [&seen](const std::vector<MarketEvent> &events) { seen.insert(seen.end(), events.begin(), events.end()); });
        client.start(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort())), QStringLiteral("18396"), concerns);
        QTRY_COMPARE_WITH_TIMEOUT(int(seen.size()), 2, 5000);
        QTRY_COMPARE(client.malformedCount(), 2); // no body; not JSON
        const QJsonObject topic = subscription.value(QStringLiteral("subscriptions")).toArray().first().toObject();
        QCOMPARE(subscription.value(QStringLiteral("action")).toString(), QStringLiteral("subscribe"));
        QCOMPARE(topic.value(QStringLiteral("topic")).toString(), QStringLiteral("comments"));
        const QJsonObject filter = QJsonDocument::fromJson(topic.value(QStringLiteral("filters")).toString().toUtf8()).object();
        QCOMPARE(filter.value(QStringLiteral("parentEntityID")).toInteger(), 18396);
        QCOMPARE(filter.value(QStringLiteral("parentEntityType")).toString(), QStringLiteral("Event"));
        QTRY_VERIFY_WITH_TIMEOUT(pings > 0, 8000); // the socket asks for a PING every 5 s
    }

    void theCliPrintsTheStudy()
    {
        QTemporaryDir dir;
        std::vector<qint64> goals, noise;
        QFile stream(dir.filePath(QStringLiteral("stream.jsonl")));
        QVERIFY(stream.open(QIODevice::WriteOnly));
        stream.write(buildStream(goals, noise));
        stream.close();
        QFile events(dir.filePath(QStringLiteral("events.jsonl")));
        QVERIFY(events.open(QIODevice::WriteOnly));
        events.write(eventsJsonl(goals, noise) + "garbage\n");
        events.close();
        QProcess cli;
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("events"), QStringLiteral("correlate"), QStringLiteral("--capture"),
                                                    stream.fileName(), QStringLiteral("--events"), events.fileName(),
                                                    QStringLiteral("--horizons"), QStringLiteral("5,30"), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(60'000));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(cli.readAllStandardError().contains("1 event line(s) skipped"));
        const QJsonArray out = QJsonDocument::fromJson(cli.readAllStandardOutput()).array();
        QCOMPARE(out.size(), 2);
        const QJsonObject goal = out[0].toObject();
        QCOMPARE(goal.value(QStringLiteral("type")).toString(), QStringLiteral("goal"));
        QCOMPARE(goal.value(QStringLiteral("n")).toInt(), int(goals.size()));
        const QJsonArray horizons = goal.value(QStringLiteral("horizons")).toArray();
        QCOMPARE(horizons.size(), 2);
        const QJsonObject h5 = horizons[0].toObject();
        QCOMPARE(h5.value(QStringLiteral("s")).toInt(), 5);
        for (const char *key : {"mean_move", "ci_low", "ci_high", "baseline_mean"})
            QVERIFY2(h5.value(QLatin1String(key)).isString(), key); // decimal strings, price units
        const double mean = h5.value(QStringLiteral("mean_move")).toString().toDouble();
        QVERIFY(std::abs(mean - 0.03) < 0.01);
        // Bad arguments: usage and exit 2.
        for (const QStringList &bad : {QStringList{QStringLiteral("events"), QStringLiteral("correlate"), QStringLiteral("--capture"), stream.fileName()},
                                       QStringList{QStringLiteral("events"), QStringLiteral("correlate"), QStringLiteral("--capture"), stream.fileName(),
                                                   QStringLiteral("--events"), events.fileName(), QStringLiteral("--horizons"), QStringLiteral("5,x")},
                                       QStringList{QStringLiteral("events"), QStringLiteral("frobnicate")}}) {
            cli.start(QStringLiteral(POLYMON_CLI_PATH), bad);
            QVERIFY(cli.waitForFinished(30'000));
            QCOMPARE(cli.exitCode(), 2);
            QVERIFY(cli.readAllStandardError().contains("usage"));
        }
        // A missing events file: a clear error, exit 1.
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("events"), QStringLiteral("correlate"), QStringLiteral("--capture"),
                                                    stream.fileName(), QStringLiteral("--events"), dir.filePath(QStringLiteral("none.jsonl"))});
        QVERIFY(cli.waitForFinished(30'000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY(cli.readAllStandardError().contains("cannot read"));
    }
};

QTEST_MAIN(TstEvents)
#include "tst_events.moc"
