#include "clicommon.h"
#include "commands.h"
#include "quitonsignal.h"

#include "sim/simexchange.h"
#include "sim/simfaultschedule.h"

#include <QCoreApplication>
#include <QUrl>

#include <cstdio>

namespace polymon::cli {

int simCommand(int argc, char **argv, const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> options = {{"--port", true}, {"--seed", true}, {"--rate", true}, {"--markets", true}, {"--chaos", false}};
    CliArgs parser(options, 0);
    if (!parse(parser, args))
        return 2;
    double port = 0, seed = 1, rate = 50, markets = 12;
    if (!parser.number("--port", 0, 65535, port))
        return usage("--port needs 0..65535");
    if (!parser.number("--seed", 0, 1e15, seed))
        return usage("--seed needs a non-negative integer");
    if (!parser.number("--rate", 0, 1e6, rate))
        return usage("--rate needs 0..1000000 frames per second");
    if (!parser.number("--markets", 1, 5000, markets))
        return usage("--markets needs 1..5000");
    const bool chaos = parser.has("--chaos");
    QCoreApplication app(argc, argv);
    QuitOnSignal quitOnSignal;
    SimExchange exchange{quint64(seed), int(markets)};
    exchange.setRate(rate);
    if (!exchange.listen(quint16(port))) {
        std::fprintf(stderr, "polymon-cli: cannot listen on port %d: %s\n", int(port),
                     exchange.errorString().toUtf8().constData());
        return 1;
    }
    std::fprintf(stdout, "SIMULATED exchange on %s (seed %.0f, %d markets, %.0f frames/s)\n",
                 exchange.url().toString().toUtf8().constData(), seed, int(markets), rate);
    for (const SimMarket &m : exchange.engine().markets())
        std::fprintf(stdout, "  %s\n    YES %s\n    NO  %s\n", m.question.c_str(), m.yesToken.c_str(), m.noToken.c_str());
    std::fflush(stdout);
    SimFaultSchedule faults(exchange);
    QObject::connect(&faults, &SimFaultSchedule::faultInjected, &faults, [](const QString &what) {
        std::fprintf(stdout, "fault: %s\n", what.toUtf8().constData());
        std::fflush(stdout);
    });
    if (chaos)
        faults.start();
    return app.exec();
}

} // namespace polymon::cli
