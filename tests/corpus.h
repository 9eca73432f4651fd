#pragma once

#include <QDir>
#include <QString>
#include <QTest>

// The message corpus (../shared/conformance: captured Polymarket frames, HTTP
// answers and signing vectors) is not part of the repository. Tests find it
// through POLYMON_CONFORMANCE_DIR in the environment, else the build's default
// beside the checkout. Where it is absent, the tests that need it skip with a
// message naming the folder; under POLYMON_REQUIRE_CONFORMANCE=1 (CI) absence
// is a failure.
namespace polymon::test {

inline QString corpusDir()
{
    const QString fromEnv = qEnvironmentVariable("POLYMON_CONFORMANCE_DIR");
    return QDir::cleanPath(fromEnv.isEmpty() ? QStringLiteral(POLYMON_CONFORMANCE_DIR) : fromEnv);
}

// A file or folder inside the corpus, e.g. corpusPath("polymarket/http/gamma_market.json").
inline QString corpusPath(const QString &relative)
{
    return corpusDir() + QLatin1Char('/') + relative;
}

inline bool corpusRequired()
{
    return qEnvironmentVariableIntValue("POLYMON_REQUIRE_CONFORMANCE") == 1;
}

inline QByteArray corpusMissingMessage()
{
    return QStringLiteral("conformance corpus not found at %1 (set POLYMON_CONFORMANCE_DIR to its folder)")
        .arg(corpusDir())
        .toLocal8Bit();
}

} // namespace polymon::test

// At the top of a test function (or its _data function, or initTestCase):
// skips it when the corpus is absent, fails it when the corpus is required.
#define POLYMON_REQUIRE_CORPUS()                                                                   \
    do {                                                                                           \
        if (!QDir(polymon::test::corpusPath(QStringLiteral("polymarket"))).exists()) {             \
            if (polymon::test::corpusRequired())                                                   \
                QFAIL(polymon::test::corpusMissingMessage().constData());                          \
            QSKIP(polymon::test::corpusMissingMessage().constData());                              \
        }                                                                                          \
    } while (false)
