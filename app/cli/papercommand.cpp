#include "clicommon.h"
#include "commands.h"

#include "book/bookstore.h"
#include "protocol/frameparser.h"
#include "replay/replayengine.h"
#include "trading/paperreplay.h"
#include "trading/tradingdesk.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unordered_map>

namespace polymon::cli {

namespace {

// A decimal field given as a string ("0.52") or a plain JSON number (0.52).
bool decimalField(const QJsonObject &o, const char *key, Fixed &out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    QString text;
    if (v.isString())
        text = v.toString();
    else if (v.isDouble())
        text = QString::number(v.toDouble(), 'f', 6);
    else
        return false;
    return parseFixed(text.toStdString(), out) == FixedError::None;
}

// Orders file: one JSON object per line (blank lines skipped). False with
// the line and the problem in `error`.
bool readOrders(const QString &path, std::vector<TimedOrder> &orders, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    int lineNo = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty())
            continue;
        auto bad = [&](const QString &what) {
            error = QStringLiteral("%1 line %2: %3").arg(path).arg(lineNo).arg(what);
            return false;
        };
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (!doc.isObject())
            return bad(QStringLiteral("not a JSON object (%1)").arg(parseError.errorString()));
        const QJsonObject o = doc.object();
        TimedOrder t;
        const QJsonValue ts = o.value(QStringLiteral("ts"));
        if (!ts.isDouble() && !ts.isString())
            return bad(QStringLiteral("\"ts\" (milliseconds) is missing"));
        t.ts = ts.isDouble() ? std::int64_t(ts.toDouble()) : ts.toString().toLongLong();
        t.request.assetId = o.value(QStringLiteral("asset_id")).toString();
        if (t.request.assetId.isEmpty())
            return bad(QStringLiteral("\"asset_id\" is missing"));
        if (!parseSide(o.value(QStringLiteral("side")).toString(), t.request.side))
            return bad(QStringLiteral("\"side\" must be BUY or SELL"));
        const QString type = o.value(QStringLiteral("type")).toString(QStringLiteral("GTC"));
        if (!parseOrderType(type, t.request.type))
            return bad(QStringLiteral("\"type\" must be GTC, GTD, FOK or FAK"));
        if (!decimalField(o, "price", t.request.price))
            return bad(QStringLiteral("\"price\" must be a decimal such as \"0.52\""));
        if (!decimalField(o, "size", t.request.size))
            return bad(QStringLiteral("\"size\" must be a decimal number of shares"));
        t.request.postOnly = o.value(QStringLiteral("post_only")).toBool(false);
        t.request.expiresMs = std::int64_t(o.value(QStringLiteral("expires")).toDouble(0));
        orders.push_back(std::move(t));
    }
    return true;
}

QString money(Fixed v)
{
    return QString::fromStdString(formatFixed(v));
}

void printJson(const QJsonObject &o)
{
    std::puts(QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
}

// Prints fills and refusals as they happen, as JSON lines or as text.
class PaperPrinter final : public DeskListener
{
public:
    explicit PaperPrinter(bool json)
        : m_json(json)
    {
    }
    std::unordered_map<qint64, std::size_t> indexOfOrder;

    void onFill(const Fill &f) override
    {
        const auto it = indexOfOrder.find(f.orderId);
        if (m_json) {
            QJsonObject o;
            o.insert(QStringLiteral("order"), it == indexOfOrder.end() ? QJsonValue() : QJsonValue(qint64(it->second)));
            if (f.orderId == 0)
                o.insert(QStringLiteral("settlement"), true);
            o.insert(QStringLiteral("ts"), qint64(f.timestampMs));
            o.insert(QStringLiteral("asset_id"), f.assetId);
            o.insert(QStringLiteral("side"), QLatin1String(sideName(f.side)));
            o.insert(QStringLiteral("price"), money(f.price));
            o.insert(QStringLiteral("size"), money(f.size));
            o.insert(QStringLiteral("fee"), money(f.fee));
            printJson(o);
            return;
        }
        std::printf("%lld  %s  %-4s %s @ %s  fee %s%s\n", static_cast<long long>(f.timestampMs),
                    it == indexOfOrder.end() ? "settle" : qPrintable(QStringLiteral("#%1").arg(it->second)),
                    sideName(f.side), qPrintable(money(f.size)), qPrintable(money(f.price)), qPrintable(money(f.fee)),
                    f.maker ? "  (maker)" : "");
    }

    // The broker numbers orders in turn: the next id is this order's.
    void submitting(std::size_t index, qint64 nextId) { indexOfOrder[nextId] = index; }
    void submitted(std::size_t index, const Order &order)
    {
        // The exchange refuses these outright: a FOK it cannot fill, a FAK with nothing to take.
        const bool refused = order.status == OrderStatus::Invalid
            || (order.filled == 0 && (order.status == OrderStatus::Canceled || order.status == OrderStatus::Unmatched));
        if (!refused)
            return;
        if (m_json) {
            QJsonObject o;
            o.insert(QStringLiteral("order"), qint64(index));
            o.insert(QStringLiteral("rejected"), order.reason);
            printJson(o);
        } else {
            std::printf("#%zu rejected: %s\n", index, qPrintable(order.reason));
        }
    }

private:
    bool m_json;
};

void printSummary(const TradingDesk &desk, bool json)
{
    const Portfolio &p = desk.portfolio();
    if (json) {
        QJsonArray positions;
        for (const Position &pos : p.positions()) {
            if (pos.size == 0)
                continue;
            QJsonObject o;
            o.insert(QStringLiteral("asset_id"), pos.assetId);
            o.insert(QStringLiteral("size"), money(pos.size));
            o.insert(QStringLiteral("avg_price"), money(pos.averagePrice()));
            positions.append(o);
        }
        QJsonObject o;
        o.insert(QStringLiteral("positions"), positions);
        o.insert(QStringLiteral("realized_pnl"), money(p.realized()));
        o.insert(QStringLiteral("fees"), money(p.fees()));
        o.insert(QStringLiteral("unrealized_pnl"), money(p.unrealized()));
        o.insert(QStringLiteral("open_orders"), qint64(desk.broker().workingOrders().size()));
        printJson(o);
        return;
    }
    for (const Position &pos : p.positions()) {
        if (pos.size != 0)
            std::printf("position %s  %s @ %s\n", qPrintable(pos.assetId), qPrintable(money(pos.size)),
                        qPrintable(money(pos.averagePrice())));
    }
    std::printf("realised %s  fees %s  unrealised %s (at the bid)  open orders %zu\n", qPrintable(money(p.realized())),
                qPrintable(money(p.fees())), qPrintable(money(p.unrealized())), desk.broker().workingOrders().size());
}

} // namespace

int paperCommand(const std::vector<std::string> &args)
{
    CliArgs parser({{"--orders", true}, {"--fee-rate", true}, {"--fee-exponent", true}, {"--min-order-size", true},
                    {"--cash", true}, {"--json", false}},
                   1);
    if (!parse(parser, args))
        return 2;
    if (parser.positional().empty())
        return usage("paper needs a FILE to replay");
    if (!parser.has("--orders"))
        return usage("paper needs --orders ORDERS.jsonl");
    MarketRules rules;
    const std::pair<const char *, Fixed *> decimals[] = {
        {"--fee-rate", &rules.fees.rate}, {"--min-order-size", &rules.minOrderSize}};
    for (const auto &[name, target] : decimals) {
        if (parser.has(name) && parseFixed(parser.value(name), *target) != FixedError::None)
            return usage((std::string(name) + " must be a decimal number").c_str());
    }
    Fixed cash = 1'000'000 * kFixedScale; // a million dollars unless told
    if (parser.has("--cash") && parseFixed(parser.value("--cash"), cash) != FixedError::None)
        return usage("--cash must be a decimal number of dollars");
    double exponent = 1;
    if (!parser.number("--fee-exponent", 0, FeeSchedule::kMaxExponent, exponent) || exponent != int(exponent))
        return usage("--fee-exponent must be 0, 1 or 2");
    rules.fees.exponent = int(exponent);
    if (!rules.fees.valid())
        return usage("--fee-rate must be between 0 and 1");
    const bool json = parser.has("--json");

    std::vector<TimedOrder> orders;
    QString error;
    if (!readOrders(QString::fromStdString(parser.value("--orders")), orders, error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", qPrintable(error));
        return 2;
    }
    ReplayEngine source;
    std::string loadError;
    if (!source.loadFile(parser.positional().front(), loadError)) {
        std::fprintf(stderr, "polymon-cli: %s\n", loadError.c_str());
        return 1;
    }

    TradingDesk desk;
    BookStore store(&desk);
    store.setTrackUnknownAssets(true);
    desk.setBooks(&store);
    desk.broker().setDefaultRules(rules);
    desk.portfolio().setStartingCash(cash);
    PaperPrinter printer(json);
    desk.setListener(&printer);
    PaperReplay replay(desk, store, std::move(orders));
    replay.setOnSubmitting([&printer, &desk](std::size_t index) { printer.submitting(index, desk.broker().nextId()); });
    replay.setOnSubmitted([&printer](std::size_t index, const Order &order) { printer.submitted(index, order); });
    FrameParser frames;
    source.forEachFrame([&](std::string_view frame) {
        frames.parse(frame, replay);
        return true;
    });
    replay.finish();
    printSummary(desk, json);
    if (!source.captureComplete())
        std::fprintf(stderr, "polymon-cli: the recording ends in a cut record: replayed up to the last whole one\n");
    return 0;
}

} // namespace polymon::cli
