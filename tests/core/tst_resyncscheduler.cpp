#include "monitor/resyncscheduler.h"

#include <QTest>

using namespace polymon;

// The retry policy on a clock the test drives: every lost book is asked for
// again, never faster than the cooldown, backing off to the bound.
class TstResyncScheduler final : public QObject
{
    Q_OBJECT

    static ResyncScheduler::Policy policy()
    {
        return ResyncScheduler::Policy{1'000, 15'000, 8'000, 60'000};
    }

private Q_SLOTS:
    void firstLossIsAskedAtOnce()
    {
        ResyncScheduler r(policy());
        r.asked(QStringLiteral("a"), 0);
        r.synced(QStringLiteral("a"), 100);
        QVERIFY(!r.awaiting(QStringLiteral("a")));
        QVERIFY(r.lost(QStringLiteral("a"), 5'000));
        QVERIFY(r.awaiting(QStringLiteral("a")));
        QCOMPARE(r.awaitingCount(), 1);
    }

    void repeatedLossesBackOffToTheBound()
    {
        ResyncScheduler r(policy());
        const QString a = QStringLiteral("a");
        r.asked(a, 0);
        r.synced(a, 10);
        qint64 now = 5'000;
        QVERIFY(r.lost(a, now)); // ask 1 at 5000
        QList<qint64> asks{now};
        // The exchange disagrees again right after every fresh book.
        for (int i = 0; i < 6; ++i) {
            r.synced(a, now + 10);
            QVERIFY(!r.lost(a, now + 20));
            for (qint64 t = now + 20; t <= now + 20'000; t += 10) {
                if (!r.takeDue(t).isEmpty()) {
                    now = t;
                    asks << t;
                    break;
                }
            }
        }
        QList<qint64> gaps;
        for (int i = 1; i < asks.size(); ++i)
            gaps << asks.at(i) - asks.at(i - 1);
        QCOMPARE(gaps, (QList<qint64>{1'000, 2'000, 4'000, 8'000, 8'000, 8'000}));
    }

    void stableBookStartsANewStreak()
    {
        ResyncScheduler r(policy());
        const QString a = QStringLiteral("a");
        r.asked(a, 0);
        r.synced(a, 10);
        QVERIFY(r.lost(a, 2'000));
        r.synced(a, 2'100);
        QVERIFY(!r.lost(a, 2'200));
        QCOMPARE(r.takeDue(3'500), QStringList{a});
        QCOMPARE(r.streak(a), 2);
        r.synced(a, 3'600);
        QVERIFY(r.lost(a, 3'600 + 60'000)); // a minute in sync: at once again
        QCOMPARE(r.streak(a), 1);
    }

    void lateBookIsAskedForAgain()
    {
        ResyncScheduler r(policy());
        r.asked(QStringLiteral("a"), 0);
        r.asked(QStringLiteral("b"), 0);
        r.synced(QStringLiteral("a"), 200);
        QVERIFY(r.takeDue(14'999).isEmpty());
        QCOMPARE(r.takeDue(15'000), QStringList{QStringLiteral("b")});
        QVERIFY(r.takeDue(29'999).isEmpty());
        QCOMPARE(r.takeDue(30'000), QStringList{QStringLiteral("b")});
        r.forget(QStringLiteral("b"));
        QCOMPARE(r.awaitingCount(), 0);
        QVERIFY(r.takeDue(100'000).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstResyncScheduler)
#include "tst_resyncscheduler.moc"
