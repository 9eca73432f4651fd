// Views on their own, without a running monitor: the price chart (steps,
// gaps, a moving clock, held under the pointer) and the one price unit.
#include "pricechartview.h"
#include "priceformat.h"
#include "themes.h"

#include <QApplication>
#include <QEnterEvent>
#include <QImage>
#include <QtTest>

using namespace polymon;

namespace {
constexpr qint64 kT0 = 1'700'000'000'000; // ms

QString assetA()
{
    return QStringLiteral("yes-token");
}

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) < 40 && std::abs(a.green() - b.green()) < 40 && std::abs(a.blue() - b.blue()) < 40;
}

// A line of this colour passes within two pixels above or below.
bool lineAt(const QImage &image, QPoint at, const QColor &colour)
{
    for (int dy = -2; dy <= 2; ++dy)
        if (near(image.pixelColor(at + QPoint(0, dy)), colour))
            return true;
    return false;
}
} // namespace

class TstViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void priceUnitWritesPricesOneWay()
    {
        PriceFormat::setUnit(PriceFormat::Unit::Cents);
        QCOMPARE(PriceFormat::price(520'000), QStringLiteral("52¢"));
        QCOMPARE(PriceFormat::price(525'000), QStringLiteral("52.5¢")); // 0.001 ticks keep their digit
        QCOMPARE(PriceFormat::price(5'000), QStringLiteral("0.5¢"));
        QCOMPARE(PriceFormat::difference(10'000), QStringLiteral("1¢"));
        QCOMPARE(PriceFormat::signedDifference(20'000), QStringLiteral("+2¢"));
        QCOMPARE(PriceFormat::signedDifference(-20'000), QStringLiteral("-2¢"));
        QCOMPARE(PriceFormat::approximate(0.0147), QLocale().toString(1.47, 'f', 2) + QStringLiteral("¢"));
        PriceFormat::setUnit(PriceFormat::Unit::Decimals);
        QCOMPARE(PriceFormat::price(520'000), QStringLiteral("0.52"));
        QCOMPARE(PriceFormat::price(525'000), QStringLiteral("0.525"));
        QCOMPARE(PriceFormat::difference(10'000), QStringLiteral("0.01"));
        QCOMPARE(PriceFormat::signedDifference(-20'000), QStringLiteral("-0.02"));
        PriceFormat::setUnit(PriceFormat::Unit::Cents);
    }

    void chartDrawsStepsAndLeavesGapsEmpty()
    {
        PriceChartView chart;
        chart.resize(700, 320);
        chart.addPoint(assetA(), kT0, 500'000, 520'000);
        chart.addPoint(assetA(), kT0 + 10'000, 510'000, 530'000);
        chart.breakHere(assetA(), kT0 + 20'000); // the book went away
        chart.addPoint(assetA(), kT0 + 40'000, 480'000, 500'000);
        chart.setClock(kT0 + 60'000);
        chart.showAsset(assetA());
        const QImage image = chart.grab().toImage();
        QVERIFY(chart.visibleToMs() >= kT0 + 60'000);

        auto at = [&](qint64 ms, Fixed price) { return chart.pointOf(ms, price).toPoint(); };
        // A step holds the price until it changes: halfway between two points
        // the bid is the first one's, not a slope between them.
        QVERIFY2(chart.describeAt(at(kT0 + 5'000, 500'000)).contains(QStringLiteral("bid 50¢  ask 52¢")),
                 qPrintable(chart.describeAt(at(kT0 + 5'000, 500'000))));
        QVERIFY(lineAt(image, at(kT0 + 5'000, 500'000), Themes::bid()));
        // Inside the gap: no data, no line, a shade.
        QVERIFY(chart.describeAt(at(kT0 + 30'000, 510'000)).contains(QStringLiteral("no data")));
        QVERIFY(!lineAt(image, at(kT0 + 30'000, 510'000), Themes::bid()));
        QVERIFY(!lineAt(image, at(kT0 + 30'000, 480'000), Themes::bid()));
        QVERIFY(image.pixelColor(at(kT0 + 30'000, 505'000)) != image.pixelColor(at(kT0 + 5'000, 505'000)));
        image.save(QDir::temp().filePath(QStringLiteral("polymon-chart-steps.png")));
        // A quiet book after the gap holds its price up to the clock.
        QVERIFY(chart.describeAt(at(kT0 + 55'000, 480'000)).contains(QStringLiteral("bid 48¢  ask 50¢")));
        QVERIFY(lineAt(image, at(kT0 + 55'000, 480'000), Themes::bid()));
    }

    void chartTimeMovesWhileQuietAndHoldsUnderThePointer()
    {
        PriceChartView chart;
        chart.resize(600, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QEvent away(QEvent::Leave); // wherever the pointer starts
        QApplication::sendEvent(&chart, &away);
        QVERIFY(!chart.frozen());
        chart.addPoint(assetA(), kT0, 500'000, 520'000);
        chart.setClock(kT0 + 60'000);
        chart.showAsset(assetA());
        chart.grab();
        const qint64 before = chart.visibleToMs();
        // Nothing new in the book, but the market clock moves: so does the axis.
        chart.setClock(kT0 + 120'000);
        chart.grab();
        QVERIFY(chart.visibleToMs() > before);
        QVERIFY(chart.describeAt(chart.pointOf(kT0 + 110'000, 500'000).toPoint()).contains(QStringLiteral("bid 50¢")));

        // Under the pointer nothing moves, so a marker's tooltip can be reached.
        QEnterEvent enter(QPointF(300, 150), QPointF(300, 150), chart.mapToGlobal(QPointF(300, 150)));
        QApplication::sendEvent(&chart, &enter);
        QVERIFY(chart.frozen());
        const qint64 held = chart.visibleToMs();
        const double heldY = chart.pointOf(kT0, 500'000).y();
        chart.addPoint(assetA(), kT0 + 130'000, 300'000, 320'000); // would rescale the price axis
        chart.setClock(kT0 + 180'000);
        chart.grab();
        QCOMPARE(chart.visibleToMs(), held);
        QCOMPARE(chart.pointOf(kT0, 500'000).y(), heldY);
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(&chart, &leave);
        QVERIFY(!chart.frozen());
        chart.grab();
        QVERIFY(chart.visibleToMs() >= kT0 + 180'000);
        QVERIFY(chart.pointOf(kT0, 500'000).y() != heldY);
    }

    void chartMarksWhatTheDatabaseDidNotRecord()
    {
        PriceChartView chart;
        chart.resize(600, 300);
        AssetHistory history;
        history.assetId = assetA();
        history.points = {{kT0, 400'000, 420'000}, {kT0 + 1'000, 400'000, 420'000},
                          {kT0 + 300'000, 450'000, 470'000}}; // five minutes unrecorded
        chart.addPoint(assetA(), kT0 + 900'000, 460'000, 480'000); // live, after a restart
        chart.addHistory(history);
        chart.setClock(kT0 + 910'000);
        chart.showAsset(assetA());
        chart.grab();
        QCOMPARE(chart.firstPointMs(assetA()), kT0);
        QVERIFY(chart.describeAt(chart.pointOf(kT0 + 150'000, 400'000).toPoint()).contains(QStringLiteral("no data")));
        QVERIFY(chart.describeAt(chart.pointOf(kT0 + 600'000, 450'000).toPoint()).contains(QStringLiteral("no data")));
        QVERIFY(chart.describeAt(chart.pointOf(kT0 + 905'000, 460'000).toPoint()).contains(QStringLiteral("bid 46¢")));
    }
};

QTEST_MAIN(TstViews)
#include "tst_views.moc"
