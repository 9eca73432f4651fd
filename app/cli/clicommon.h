#pragma once

#include "analysis/signalsettings.h"
#include "cliargs.h"
#include "feed/feedsettings.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <vector>

namespace polymon {

class SimExchange;

// What every polymon-cli command shares: the usage text, argument errors
// (usage on stderr, exit 2), the SETTINGS options, the in-process simulator.
namespace cli {

// The usage on stderr after the problem, if any; returns 2 (the exit code).
int usage(const char *problem = nullptr);
// ISO 8601 or epoch milliseconds; false when it is neither.
bool parseTime(const std::string &text, qint64 &ms);
void printHelp();
// Parses args against the command's options (the SETTINGS ones added when
// `withSettings`); false after printing the problem and the usage.
bool parse(CliArgs &parser, const std::vector<std::string> &args);
// --settings FILE and --set key=value, applied in the order given; false
// after printing the problem and the usage.
bool applySettings(const CliArgs &parser, SignalSettings &settings);
inline const std::vector<CliArgs::Option> kSettingsOptions = {{"--settings", true}, {"--set", true}};
bool isWebSocketUrl(const QString &text);
// --db STORE (a path or a postgresql:// URL, checked) and --retention-days N
// (0..36500; 0 keeps everything): false after printing the problem and the usage.
inline const std::vector<CliArgs::Option> kStoreOptions = {{"--db", true}, {"--retention-days", true}};
bool readStoreChoice(const CliArgs &parser, const QString &store, double &retentionDays);

// Where a command's frames come from: --sim [--seed N] (the simulator in
// this process) or --endpoint URL, and --asset ID... (all simulated assets
// when --sim names none).
struct FeedChoice
{
    bool sim = false;
    double seed = 1;
    QString endpoint;
    QStringList assets;
};
inline const std::vector<CliArgs::Option> kFeedOptions = {
    {"--sim", false}, {"--seed", true}, {"--endpoint", true}, {"--asset", true}};
// Reads and checks the feed options of `command`: 0, or the exit code after
// the usage was printed.
int readFeedChoice(const CliArgs &parser, const char *command, FeedChoice &out);
// Starts the simulator when chosen and points `feed` at it or at the
// endpoint; false (the reason on stderr) when the simulator cannot listen.
bool connectFeed(FeedChoice &choice, FeedSettings &feed, std::unique_ptr<SimExchange> &exchange);
// The simulated exchange in this process, listening on a free port; null
// (with the reason on stderr) when it cannot listen.
std::unique_ptr<SimExchange> startSimExchange(double seed);

} // namespace cli
} // namespace polymon
