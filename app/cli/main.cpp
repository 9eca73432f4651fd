#include "book/booklistener.h"
#include "replay/replayengine.h"
#include "replay/topsline.h"

#include <cstdio>
#include <cstring>
#include <string>

using namespace polymon;

namespace {

class TopsPrinter final : public BookListener
{
public:
    void onTop(const AssetBook &asset, std::int64_t ts) override
    {
        TopsLine::append(m_out, asset, ts);
        if (m_out.size() > (1 << 16))
            flush();
    }
    void flush()
    {
        std::fwrite(m_out.data(), 1, m_out.size(), stdout);
        m_out.clear();
    }

private:
    std::string m_out;
};

int usage()
{
    std::fputs("usage: polymon-cli replay FILE [--emit tops|none]\n", stderr);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3 || std::strcmp(argv[1], "replay") != 0)
        return usage();
    std::string emit = "tops";
    for (int i = 3; i < argc; ++i) {
        if (std::strcmp(argv[i], "--emit") == 0 && i + 1 < argc)
            emit = argv[++i];
        else
            return usage();
    }
    TopsPrinter printer;
    ReplayEngine engine(emit == "tops" ? &printer : nullptr);
    std::string error;
    if (!engine.loadFile(argv[2], error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
        return 1;
    }
    const ReplaySummary s = engine.run();
    printer.flush();
    std::fprintf(stderr, "entries %llu unsynced %llu dropped %llu desyncs %llu errors %llu seconds %.3f entries/s %.0f\n",
                 (unsigned long long)s.entriesApplied, (unsigned long long)s.unsyncedEntriesSkipped,
                 (unsigned long long)s.levelsDropped, (unsigned long long)s.desyncs, (unsigned long long)s.errors,
                 s.seconds, s.entriesPerSecond());
    return 0;
}
