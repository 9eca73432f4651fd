#include "protocol/framekeys.h"
#include "protocol/frameparser.h"
#include "recordingsink.h"

#include <QTest>

using namespace polymon;

class TstFrameParser final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void frames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("errors");

        QTest::addRow("book, any order, no leading zero")
            << QByteArray(R"({"event_type":"book","asset_id":"A","market":"0xm","timestamp":"17","hash":"h1","bids":[{"price":".48","size":"10"},{"price":"0.5","size":"2.5"}],"asks":[{"price":"0.53","size":"1"}],"tick_size":"0.01","last_trade_price":"0.500"})")
            << QStringList{QStringLiteral("book A ts=17 bids=[0.48x10 0.5x2.5] asks=[0.53x1] tick=0.01 ltp=0.5 hash=h1")} << 0;
        QTest::addRow("book without event_type, legacy buys/sells")
            << QByteArray(R"({"asset_id":"A","buys":[{"price":"0.4","size":"1"}],"sells":[{"price":"0.6","size":"2"}],"timestamp":"5"})")
            << QStringList{QStringLiteral("book A ts=5 bids=[0.4x1] asks=[0.6x2] tick=0 ltp=0 hash=")} << 0;
        QTest::addRow("array of books")
            << QByteArray(R"([{"event_type":"book","asset_id":"A","bids":[],"asks":[],"timestamp":"1"},{"event_type":"book","asset_id":"B","bids":[],"asks":[{"price":"0.9","size":"1"}],"timestamp":"2"}])")
            << QStringList{QStringLiteral("book A ts=1 bids=[] asks=[] tick=0 ltp=0 hash="),
                           QStringLiteral("book B ts=2 bids=[] asks=[0.9x1] tick=0 ltp=0 hash=")} << 0;
        QTest::addRow("price_change current form, two assets, spaced")
            << QByteArray(R"({"market":"0xm", "price_changes":[{"asset_id":"A", "price":"0.85", "size":"503.32", "side":"BUY", "hash":"x", "best_bid":"0.85", "best_ask":"0.86"}, {"asset_id":"B", "price":"0.15", "size":"0", "side":"SELL", "hash":"y", "best_bid":"0.14", "best_ask":"0.15"}], "timestamp":"9", "event_type":"price_change"})")
            << QStringList{QStringLiteral("change[current] A BUY 0.85x503.32 bb=0.85 ba=0.86 ts=9"),
                           QStringLiteral("change[current] B SELL 0.15x0 bb=0.14 ba=0.15 ts=9")} << 0;
        QTest::addRow("price_change legacy changes[]")
            << QByteArray(R"({"event_type":"price_change","asset_id":"A","market":"0xm","changes":[{"price":"0.4","side":"BUY","size":"3"},{"price":"0.6","side":"SELL","size":"0"}],"timestamp":"3","hash":"h"})")
            << QStringList{QStringLiteral("change[changes] A BUY 0.4x3 bb=- ba=- ts=3"),
                           QStringLiteral("change[changes] A SELL 0.6x0 bb=- ba=- ts=3")} << 0;
        QTest::addRow("price_change oldest flat form")
            << QByteArray(R"({"asset_id":"A","event_type":"price_change","hash":"h","market":"0xm","price":"0.514","side":"SELL","size":"21574.08","timestamp":"8"})")
            << QStringList{QStringLiteral("change[flat] A SELL 0.514x21574.08 bb=- ba=- ts=8")} << 0;
        QTest::addRow("last trade")
            << QByteArray(R"({"event_type":"last_trade_price","asset_id":"A","market":"m","fee_rate_bps":"17","price":"0.456","size":"219.217767","side":"SELL","timestamp":"1"})")
            << QStringList{QStringLiteral("trade A SELL 0.456x219.217767 fee=17")} << 0;
        QTest::addRow("tick size change")
            << QByteArray(R"({"event_type":"tick_size_change","asset_id":"A","market":"m","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"1"})")
            << QStringList{QStringLiteral("tick A 0.01->0.001")} << 0;
        QTest::addRow("best bid ask")
            << QByteArray(R"({"event_type":"best_bid_ask","market":"m","asset_id":"A","best_bid":"0.73","best_ask":"0.77","spread":"0.04","timestamp":"1"})")
            << QStringList{QStringLiteral("bba A 0.73/0.77 spread=0.04")} << 0;
        QTest::addRow("market resolved")
            << QByteArray(R"({"event_type":"market_resolved","id":"1","market":"0x311d0c4b66","assets_ids":["760430","316909"],"winning_asset_id":"760430","winning_outcome":"Yes","timestamp":"1","tags":["x"]})")
            << QStringList{QStringLiteral("resolved 0x311d0c4b assets=760430,316909 winner=Yes")} << 0;
        QTest::addRow("new market with nested objects")
            << QByteArray(R"({"event_type":"new_market","id":"1","question":"Q?","market":"0xabcdef0123","slug":"s","assets_ids":["111111","222222"],"outcomes":["Yes","No"],"event_message":{"id":"2","title":"T"},"timestamp":"1"})")
            << QStringList{QStringLiteral("new_market 0xabcdef01 assets=111111,222222 winner=")} << 0;
        QTest::addRow("pong") << QByteArray("PONG") << QStringList{QStringLiteral("pong")} << 0;
        QTest::addRow("unknown event skipped, rest kept")
            << QByteArray(R"([{"event_type":"settlement_preview","sequence":2},{"event_type":"tick_size_change","asset_id":"A","new_tick_size":"0.001","timestamp":"1"}])")
            << QStringList{QStringLiteral("unknown:settlement_preview"), QStringLiteral("tick A 0->0.001")} << 0;
        QTest::addRow("user-channel trade ignored")
            << QByteArray(R"({"id":"x","taker_order_id":"0x1","market":"m","asset_id":"A","side":"BUY","size":"5","fee_rate_bps":"0","price":"0.489","status":"CONFIRMED","maker_orders":[{"order_id":"0x2","price":"0.489"}]})")
            << QStringList{QStringLiteral("unknown:")} << 0;
        QTest::addRow("numbers as JSON numbers")
            << QByteArray(R"({"event_type":"last_trade_price","asset_id":"A","price":0.5,"size":10,"side":"BUY","timestamp":1700000000000})")
            << QStringList{QStringLiteral("trade A BUY 0.5x10 fee=0")} << 0;

        // Malformed input: a reason, a count, never a crash.
        QTest::addRow("empty") << QByteArray("") << QStringList{QStringLiteral("error:empty frame")} << 1;
        QTest::addRow("not json") << QByteArray("hello") << QStringList{QStringLiteral("error:frame is not a JSON object or array")} << 1;
        QTest::addRow("truncated") << QByteArray(R"({"event_type":"book","asset_id":"A","bids":[)")
                                   << QStringList{QStringLiteral("error:frame does not end where its JSON value ends")} << 1;
        QTest::addRow("trailing bytes") << QByteArray(R"({"event_type":"book"} x)")
                                        << QStringList{QStringLiteral("error:frame does not end where its JSON value ends")} << 1;
        QTest::addRow("bad price")
            << QByteArray(R"({"event_type":"book","asset_id":"A","bids":[{"price":"abc","size":"1"}],"asks":[]})")
            << QStringList{QStringLiteral("error:bad level price")} << 1;
        QTest::addRow("price above one")
            << QByteArray(R"({"event_type":"book","asset_id":"A","bids":[{"price":"1.5","size":"1"}],"asks":[]})")
            << QStringList{QStringLiteral("error:level price outside (0, 1]")} << 1;
        QTest::addRow("price zero")
            << QByteArray(R"({"event_type":"price_change","market":"m","price_changes":[{"asset_id":"A","price":"0","size":"5","side":"BUY"}]})")
            << QStringList{QStringLiteral("error:change price outside (0, 1]")} << 1;
        QTest::addRow("negative size")
            << QByteArray(R"({"event_type":"price_change","market":"m","price_changes":[{"asset_id":"A","price":"0.5","size":"-1","side":"BUY"}]})")
            << QStringList{QStringLiteral("error:bad change size")} << 1;
        QTest::addRow("bad side")
            << QByteArray(R"({"event_type":"price_change","market":"m","price_changes":[{"asset_id":"A","price":"0.5","size":"1","side":"UP"}]})")
            << QStringList{QStringLiteral("error:change side is not BUY or SELL")} << 1;
        QTest::addRow("entry without asset")
            << QByteArray(R"({"event_type":"price_change","market":"m","price_changes":[{"price":"0.5","size":"1","side":"BUY"}]})")
            << QStringList{QStringLiteral("error:price change entry without asset_id")} << 1;
        QTest::addRow("book without asset") << QByteArray(R"({"event_type":"book","bids":[],"asks":[]})")
                                            << QStringList{QStringLiteral("error:book without asset_id")} << 1;
        QTest::addRow("levels not an array") << QByteArray(R"({"event_type":"book","asset_id":"A","bids":{"price":"0.5"},"asks":[]})")
                                             << QStringList{QStringLiteral("error:levels are not an array")} << 1;
        QTest::addRow("level not an object") << QByteArray(R"({"event_type":"book","asset_id":"A","bids":[1,2],"asks":[]})")
                                             << QStringList{QStringLiteral("error:list item is not an object")} << 1;
        QTest::addRow("bad timestamp") << QByteArray(R"({"event_type":"tick_size_change","asset_id":"A","new_tick_size":"0.01","timestamp":"soon"})")
                                       << QStringList{QStringLiteral("error:bad timestamp")} << 1;
        QTest::addRow("array of numbers") << QByteArray("[1,2]") << QStringList{QStringLiteral("error:array item is not an event object")} << 1;
        QTest::addRow("bad event, good event")
            << QByteArray(R"([{"event_type":"last_trade_price","asset_id":"A","price":"x","size":"1","side":"BUY"},{"event_type":"tick_size_change","asset_id":"B","new_tick_size":"0.01"}])")
            << QStringList{QStringLiteral("error:last_trade_price without a valid trade"), QStringLiteral("tick B 0->0.01")} << 1;
        // A frame with an escape anywhere is looked at string by string; the escaped one is unescaped.
        QTest::addRow("escaped asset id")
            << QByteArray(R"({"event_type":"tick_size_change","asset_id":"A\u0042","market":"m","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"1"})")
            << QStringList{QStringLiteral("tick AB 0.01->0.001")} << 0;
        QTest::addRow("broken string escape") << QByteArray(R"({"event_type":"book","asset_id":"A\x"})")
                                              << QStringList{QStringLiteral("error:malformed JSON: ")} << 1;
    }

    // Each frame through both of the parser's readers (the fast one takes
    // the frames of common shape; the general one, simdjson, everything).
    void frames()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QStringList, expected);
        QFETCH(int, errors);
        for (const bool fastReader : {true, false}) {
            FrameParser parser;
            parser.setFastReader(fastReader);
            RecordingSink sink;
            parser.parse(frame.toStdString(), sink);
            // Compare error lines by prefix: simdjson words its own messages.
            QCOMPARE(sink.lines.size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i) {
                if (expected[i].startsWith(QLatin1String("error:malformed JSON")))
                    QVERIFY2(sink.lines[i].startsWith(expected[i]), qPrintable(sink.lines[i]));
                else
                    QCOMPARE(sink.lines[i], expected[i]);
            }
            QCOMPARE(int(parser.stats().errors), errors);
            QCOMPARE(int(parser.stats().frames), 1);
        }
    }

    // Which frames the fast reader takes: one-line objects of strings, spaces
    // anywhere; not escapes, numbers, non-ASCII, line breaks or tabs, arrays
    // of events, trailing bytes.
    void fastReaderTakesOnlyPlainObjects_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("fast");
        QTest::addRow("price_change") << QByteArray(R"({"market":"m","price_changes":[{"asset_id":"A","price":"0.5","size":"1","side":"BUY"}],"event_type":"price_change"})") << true;
        QTest::addRow("spaces everywhere") << QByteArray(R"( { "asset_id" : "A" , "bids" : [ ] , "asks":[ { "price" : "0.5" , "size":"1" } ] } )") << true;
        QTest::addRow("long strings") << QByteArray(R"({"asset_id":"72025953042328133904934907977540204188422008642170419218857122962255448599004","market":"0x502c5ce54d145bc21f7b937ad3aa583d6a8889a05cfcdac17a244546682568ec","new_tick_size":"0.01","question":"Will the quote end exactly at the sixty-fourth byte of a block or just after it"})") << true;
        QTest::addRow("pretty-printed") << QByteArray("{\n  \"asset_id\": \"A\",\n\t\"new_tick_size\": \"0.01\"\r\n}") << false;
        QTest::addRow("unknown string field") << QByteArray(R"({"asset_id":"A","new_tick_size":"0.01","extra":"x"})") << true;
        QTest::addRow("empty object") << QByteArray("{}") << true;
        QTest::addRow("escape") << QByteArray(R"({"asset_id":"A\u0042","new_tick_size":"0.01"})") << false;
        QTest::addRow("number") << QByteArray(R"({"asset_id":"A","new_tick_size":0.01})") << false;
        QTest::addRow("non-ASCII") << QByteArray("{\"asset_id\":\"A\xc3\xa9\",\"new_tick_size\":\"0.01\"}") << false;
        QTest::addRow("array of events") << QByteArray(R"([{"asset_id":"A","new_tick_size":"0.01"}])") << false;
        QTest::addRow("nested unknown") << QByteArray(R"({"asset_id":"A","new_tick_size":"0.01","x":{"y":"z"}})") << false;
        QTest::addRow("trailing comma") << QByteArray(R"({"asset_id":"A","new_tick_size":"0.01",})") << false;
        QTest::addRow("two objects") << QByteArray(R"({"asset_id":"A"} {"new_tick_size":"0.01"})") << false;
        QTest::addRow("control character") << QByteArray("{\"asset_id\":\"A\x01\",\"new_tick_size\":\"0.01\"}") << false;
    }

    void fastReaderTakesOnlyPlainObjects()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, fast);
        FrameParser parser;
        RecordingSink sink;
        parser.parse(frame.toStdString(), sink);
        QCOMPARE(parser.stats().fastFrames, fast ? 1u : 0u);
    }

    // Every key name is matched to its own key, with its length, and only
    // when its closing quote follows it (the fast reader skips known keys by
    // that length).
    void everyKeyNameMatchesItsKey()
    {
        for (std::size_t k = 1; k < framekeys::kCount; ++k) {
            const std::string name(framekeys::kNames[k]);
            const std::string quoted = name + "\":\"x\"" + std::string(64, ' ');
            QCOMPARE(int(knownFrameKey(quoted.c_str())), int(k));
            QCOMPARE(frameKeyLength(FrameKey(k)), name.size());
            const std::string longer = name + "x\"" + std::string(64, ' ');
            QCOMPARE(int(knownFrameKey(longer.c_str())), int(FrameKey::Unknown));
        }
    }

    // The fast reader keeps one change's texts from entry to entry and frame
    // to frame: a key an entry lacks must not keep the previous entry's value.
    void noEntryInheritsAnotherEntrysFields()
    {
        FrameParser parser;
        RecordingSink sink;
        parser.parse(R"({"market":"m","price_changes":[{"asset_id":"A","price":"0.5","size":"10","side":"BUY","hash":"h","best_bid":"0.5","best_ask":"0.6"}],"timestamp":"1","event_type":"price_change"})",
                     sink);
        parser.parse(R"({"market":"m","price_changes":[{"asset_id":"B","price":"0.4","size":"1","side":"SELL","hash":"h","best_ask":"0.7"},)"
                     R"({"asset_id":"C","price":"0.3","size":"2","side":"BUY"},)"
                     R"({"price":"0.2","size":"3","side":"BUY","asset_id":"D","best_bid":"0.2"},)"
                     R"({"asset_id":"E","price":"0.1","size":"4","side":"SELL","hash":"h","best_bid":"0.1","best_ask":"0.9"}],"timestamp":"2","event_type":"price_change"})",
                     sink);
        parser.parse(R"({"market":"m","price_changes":[{"asset_id":"F","price":"0.5","size":"5","side":"BUY"}],"timestamp":"3","event_type":"price_change"})",
                     sink);
        QCOMPARE(parser.stats().fastFrames, 3u);
        QCOMPARE(sink.lines, (QStringList{QStringLiteral("change[current] A BUY 0.5x10 bb=0.5 ba=0.6 ts=1"),
                                          QStringLiteral("change[current] B SELL 0.4x1 bb=- ba=0.7 ts=2"),
                                          QStringLiteral("change[current] C BUY 0.3x2 bb=- ba=- ts=2"),
                                          QStringLiteral("change[current] D BUY 0.2x3 bb=0.2 ba=- ts=2"),
                                          QStringLiteral("change[current] E SELL 0.1x4 bb=0.1 ba=0.9 ts=2"),
                                          QStringLiteral("change[current] F BUY 0.5x5 bb=- ba=- ts=3")}));
    }

    void parserIsReusableAfterErrors()
    {
        FrameParser parser;
        RecordingSink sink;
        parser.parse("{\"event_type\":", sink);
        parser.parse("[[[[", sink);
        parser.parse(R"({"event_type":"tick_size_change","asset_id":"A","new_tick_size":"0.01"})", sink);
        QCOMPARE(sink.lines.last(), QStringLiteral("tick A 0->0.01"));
        QCOMPARE(parser.stats().errors, 2u);
        QCOMPARE(parser.stats().events, 1u);
    }
};

QTEST_GUILESS_MAIN(TstFrameParser)
#include "tst_frameparser.moc"
