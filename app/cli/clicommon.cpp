#include "clicommon.h"

#include <QDateTime>

#include "sim/simexchange.h"
#include "storage/databaselocation.h"

#include <QUrl>

#include <cstdio>

namespace polymon::cli {

namespace {

const char kUsage[] =
    "usage: polymon-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  replay FILE [--emit tops|signals|frames|none] [--db STORE] [SETTINGS]\n"
    "      Rebuild books from a recording: a raw capture (polymon-cli record) or\n"
    "      JSON text (an array, one object, or JSONL).\n"
    "      tops: one JSON line per applied book or change of a synced asset.\n"
    "      signals: one JSON line per signal, with its outcome, frames' own clock.\n"
    "      frames: every recorded frame, byte for byte, one per line.\n"
    "      none: only a summary line on stderr.\n"
    "      --db records snapshots, trades and signals with outcomes.\n"
    "  monitor [--sim [--chaos]| --endpoint URL] [--asset ID]... [--json] [--duration S] [--seed N]\n"
    "          [--db STORE [--retention-days N]] [--assets-per-connection N] [SETTINGS]\n"
    "      Live books and signal alerts. With --sim and no --asset every simulated\n"
    "      market is watched. --db records snapshots, trades, signals and coverage.\n"
    "      --retention-days: snapshots and trades older than N days are removed (0: kept).\n"
    "      --assets-per-connection: tokens per WebSocket (default 200, at most 500).\n"
    "  record [--sim [--seed N] | --endpoint URL] [--asset ID]... [--out FILE] [--duration S]\n"
    "         [--checkpoint-every S] [--db STORE [--retention-days N]]\n"
    "      Record every frame as received, with its arrival time and connection, and\n"
    "      a checkpoint of every book each S seconds (60), into a raw capture\n"
    "      (docs/capture.md) that replay reads; and/or, with --db, snapshots, trades,\n"
    "      signals and the coverage ledger into a store (several recorders on several\n"
    "      machines may share one PostgreSQL). Headless; stops on SIGINT/SIGTERM.\n"
    "  sim [--port N] [--seed N] [--rate FRAMES_PER_S] [--markets N] [--chaos]\n"
    "      Serve the SIMULATED exchange on ws://127.0.0.1:N/ws/market until stopped.\n"
    "  export --db DB [--since TIME] [--market ID] --out FILE\n"
    "      Signal history with outcomes and market question as CSV (RFC 4180).\n"
    "      TIME: ISO 8601 (2026-11-25T10:00:00Z) or epoch milliseconds.\n"
    "  export --db DB [--since TIME] [--account paper] --fills FILE\n"
    "      The paper account's fills (with order, outcome and question) as CSV.\n"
    "  export --db DB [--since TIME] [--until TIME] [--market ID]... --capture FILE\n"
    "      Recorded snapshots and trades of a time range as a capture that replay\n"
    "      and backtest read: a book per stored snapshot (20 levels, 2 a second\n"
    "      at most), coarser than a raw capture.\n"
    "  backtest --sim [--seed N] [--hours H] [--markets N] [--json] [--record FILE] [SETTINGS]\n"
    "      Scripted signal episodes in simulated time: precision, recall, delay, outcomes.\n"
    "      --record writes the simulated frames as JSONL for replay.\n"
    "  backtest --capture FILE [--json] [SETTINGS] [--strategy fade|follow|none] [--shares N]\n"
    "           [--hold S] [--stop P] [--max-slippage P] [--fee-rate R] [--fee-exponent E]\n"
    "           [--grid KEY=V1,V2,...]... [--folds K]\n"
    "      A recording (capture or JSON text) through the signal engine: signals per\n"
    "      type and their outcomes (touch to touch). No labels: nobody scripted it.\n"
    "      --strategy trades every BUY/SELL signal at the book (fade: as recommended,\n"
    "      follow: the other way), N shares (100), out after S seconds (300) or once\n"
    "      P against (no stop), taker fee shares x R x (p(1-p))^E (0.05, 1): PnL, hit\n"
    "      rate, drawdown, equity. --grid over signal keys, hold_s, stop, max_slippage\n"
    "      with a walk-forward over K+1 windows (4): tuned on one, traded on the next.\n"
    "  paper FILE --orders ORDERS.jsonl [--fee-rate R] [--fee-exponent E] [--min-order-size N]\n"
    "        [--cash USD] [--json]\n"
    "      Paper trading on a recording (capture or JSON text): each order line\n"
    "      {\"ts\": ms, \"asset_id\", \"side\": \"BUY\"|\"SELL\", \"type\": \"GTC\"|\"GTD\"|\"FOK\"|\"FAK\",\n"
    "      \"price\": \"0.52\", \"size\": \"10\"} is submitted once every frame up to ts is\n"
    "      applied, with the exchange's checks (tick 0.01 unless the feed says, 5-share\n"
    "      minimum, $1 for FOK/FAK) and fill model (docs/trading.md). Prints each fill\n"
    "      and refusal, then positions, realised PnL and fees (fee rate 0 unless given).\n"
    "  clob sign --key-file FILE --order ORDER.json\n"
    "      Signs an exchange order given as {\"domain\": {...}, \"order\": {...}} (the\n"
    "      shape of order_eip712.json; \"version\": 1 for a v1 order) with the private key\n"
    "      in FILE (64 hex digits; never on the command line) and prints\n"
    "      {\"digest\": \"0x...\", \"signature\": \"0x...\"}: the order's EIP-712 hash and\n"
    "      its signature (EOA, proxy, Safe; the ERC-7739 wrapper for signatureType 3).\n"
    "  events correlate --capture FILE --events EVENTS.jsonl [--horizons 5,30,120] [--json]\n"
    "      An event study per event type: the mid's move over each horizon after the\n"
    "      events (the token named, else the market's first token, else every market),\n"
    "      mean and 95% interval, against random times; and whether the book leads or\n"
    "      follows. EVENTS: JSONL {\"ts\": ms, \"type\", \"market\", \"asset_id\", \"text\"}\n"
    "      or CSV ts,type,market,asset_id,text. FILE: a capture or JSON text.\n"
    "  events model --capture FILE [--capture FILE]... --events EVENTS.jsonl [--horizon 30] [--json]\n"
    "      Predicts the sign of the mid's move S seconds after each event from its type\n"
    "      and the book then (imbalance, spread, momentum): a logistic regression trained\n"
    "      on the earlier 70% of the events and scored on the later 30% (accuracy, AUC,\n"
    "      base rate), or says there is too little data. Recordings oldest first.\n"
    "  events export --db DB [--since TIME] [--until TIME] --out EVENTS.jsonl\n"
    "      The events the desktop stored (the sports channel while recording) as the\n"
    "      JSONL that correlate and model read.\n"
    "  db copy --from STORE --to STORE\n"
    "      A store's rows into another: a SQLite file into a shared PostgreSQL\n"
    "      (postgresql://user@host[:port]/database; the password in ~/.pgpass) and\n"
    "      back. Run again, it copies only what is new or changed.\n"
    "  db coverage --db STORE [--since TIME] [--until TIME]\n"
    "      The machines that recorded, and each stretch (15 s or more) when no\n"
    "      recorder held an asset's book: the past day by default.\n"
    "  evaluate [--seed N] [--hours H] [--markets N] [--json] [--record FILE] [SETTINGS]\n"
    "      The detector on an independent order-flow model (queue-reactive books,\n"
    "      Hawkes market orders, injected episodes of varied shape): recall by\n"
    "      magnitude, precision, false alarms per calm asset-hour, delay.\n"
    "\n"
    "  STORE: a SQLite file, or a shared PostgreSQL as postgresql://user@host[:port]/db\n"
    "         (no password in it: ~/.pgpass or PGPASSWORD).\n"
    "  SETTINGS: --settings FILE.ini ([signals] key=value) and --set key=value,\n"
    "           keys as in docs/signals.md; applied in order.\n"
    "  --chaos  the simulated exchange misbehaves on a 3-minute loop: a truncated\n"
    "           frame, a dropped connection, 30 s without PONG, 75 s of silence.\n";

} // namespace

bool parseTime(const std::string &text, qint64 &ms)
{
    const QString value = QString::fromStdString(text);
    bool isNumber = false;
    ms = value.toLongLong(&isNumber);
    if (isNumber)
        return true;
    const QDateTime t = QDateTime::fromString(value, Qt::ISODateWithMs);
    ms = t.toMSecsSinceEpoch();
    return t.isValid();
}

int usage(const char *problem)
{
    if (problem)
        std::fprintf(stderr, "polymon-cli: %s\n\n", problem);
    std::fputs(kUsage, stderr);
    return 2;
}

void printHelp()
{
    std::fputs(kUsage, stdout);
}

bool parse(CliArgs &parser, const std::vector<std::string> &args)
{
    std::string error;
    if (parser.parse(args, error))
        return true;
    usage(error.c_str());
    return false;
}

bool applySettings(const CliArgs &parser, SignalSettings &settings)
{
    for (const auto &[name, text] : parser.given()) {
        if (name != "--settings" && name != "--set")
            continue;
        const QString value = QString::fromStdString(text);
        QString error;
        bool ok;
        if (name == "--settings") {
            ok = SignalSettingsIo::load(settings, value, error);
        } else {
            const qsizetype eq = value.indexOf(QLatin1Char('='));
            ok = eq > 0 && SignalSettingsIo::set(settings, value.left(eq), value.mid(eq + 1), error);
            if (eq <= 0)
                error = QStringLiteral("--set needs key=value");
        }
        if (!ok) {
            usage(error.toUtf8().constData());
            return false;
        }
    }
    return true;
}

bool readStoreChoice(const CliArgs &parser, const QString &store, double &retentionDays)
{
    retentionDays = 0;
    if (!parser.number("--retention-days", 0, 36'500, retentionDays)) {
        usage("--retention-days needs 0..36500 days (0 keeps everything)");
        return false;
    }
    if (parser.has("--retention-days") && store.isEmpty()) {
        usage("--retention-days needs --db STORE");
        return false;
    }
    if (store.isEmpty())
        return true;
    DatabaseLocation location; // a path, or the shared store's postgresql:// URL
    QString error;
    if (!DatabaseLocation::parse(store, location, error)) {
        usage(error.toUtf8().constData());
        return false;
    }
    return true;
}

bool isWebSocketUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("ws") || url.scheme() == QLatin1String("wss"));
}

int readFeedChoice(const CliArgs &parser, const char *command, FeedChoice &out)
{
    out.sim = parser.has("--sim");
    out.endpoint = QString::fromStdString(parser.value("--endpoint"));
    for (const std::string &a : parser.values("--asset"))
        out.assets << QString::fromStdString(a);
    if (!parser.number("--seed", 0, 1e15, out.seed))
        return usage("--seed needs a non-negative integer");
    if (parser.has("--endpoint") && !isWebSocketUrl(out.endpoint))
        return usage("--endpoint needs a ws:// or wss:// URL");
    if (out.sim && !out.endpoint.isEmpty())
        return usage("--sim and --endpoint exclude each other");
    if (!out.sim && out.assets.isEmpty())
        return usage((std::string(command) + " needs --asset ID (or --sim)").c_str());
    return 0;
}

bool connectFeed(FeedChoice &choice, FeedSettings &feed, std::unique_ptr<SimExchange> &exchange)
{
    if (!choice.sim) {
        if (!choice.endpoint.isEmpty())
            feed.endpoint = QUrl(choice.endpoint);
        return true;
    }
    exchange = startSimExchange(choice.seed);
    if (!exchange)
        return false;
    feed.endpoint = exchange->url();
    if (choice.assets.isEmpty()) {
        for (const std::string &id : exchange->engine().allAssetIds())
            choice.assets << QString::fromStdString(id);
    }
    return true;
}

std::unique_ptr<SimExchange> startSimExchange(double seed)
{
    auto exchange = std::make_unique<SimExchange>(quint64(seed));
    if (exchange->listen(0))
        return exchange;
    std::fprintf(stderr, "polymon-cli: simulated exchange cannot listen: %s\n", exchange->errorString().toUtf8().constData());
    return nullptr;
}

} // namespace polymon::cli
