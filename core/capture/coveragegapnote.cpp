#include "coveragegapnote.h"

#include "util/jsonstring.h"

#include <simdjson.h>

#include <algorithm>
#include <ctime>

namespace polymon {

namespace {

constexpr std::string_view kKey = "\"coverage_gap\"";

// Whole milliseconds, as written; older notes (Qt's writer) may hold a double.
bool readMs(simdjson::simdjson_result<simdjson::dom::element> field, std::int64_t &out)
{
    simdjson::dom::element e;
    if (field.get(e) != simdjson::SUCCESS)
        return false;
    if (std::int64_t i; e.get_int64().get(i) == simdjson::SUCCESS) {
        out = i;
        return true;
    }
    if (double d; e.get_double().get(d) == simdjson::SUCCESS) {
        out = static_cast<std::int64_t>(d);
        return true;
    }
    return false;
}

} // namespace

std::string CoverageGapNote::toJson() const
{
    std::string out = "{\"coverage_gap\":{\"assets\":[";
    for (std::size_t i = 0; i < assets.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, assets[i]);
    }
    out += "],\"from_ms\":" + std::to_string(fromMs) + ",\"to_ms\":" + std::to_string(toMs) + "}}";
    return out;
}

bool CoverageGapNote::fromJson(std::string_view note, CoverageGapNote &out)
{
    if (note.find(kKey) == std::string_view::npos)
        return false;
    simdjson::dom::parser parser;
    simdjson::dom::object gap;
    if (parser.parse(note.data(), note.size()).at_key("coverage_gap").get_object().get(gap) != simdjson::SUCCESS)
        return false;
    out = CoverageGapNote{};
    simdjson::dom::array assets;
    if (gap.at_key("assets").get_array().get(assets) != simdjson::SUCCESS)
        return false;
    for (simdjson::dom::element asset : assets) {
        std::string_view id;
        if (asset.get_string().get(id) != simdjson::SUCCESS)
            return false;
        out.assets.emplace_back(id);
    }
    if (!readMs(gap.at_key("from_ms"), out.fromMs) || !readMs(gap.at_key("to_ms"), out.toMs))
        return false;
    return !out.assets.empty() && out.toMs > out.fromMs;
}

std::string CoverageGapTally::describe() const
{
    if (gaps == 0)
        return {};
    auto minutes = [](std::int64_t ms) { return std::to_string(std::max<std::int64_t>(1, (ms + 30'000) / 60'000)); };
    const std::time_t seconds = static_cast<std::time_t>(longestFromMs / 1000);
    std::tm utc = {};
    char when[32] = "?";
    if (gmtime_r(&seconds, &utc))
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &utc);
    return std::to_string(gaps) + (gaps == 1 ? " stretch" : " stretches") + " when no recorder held a book ("
         + minutes(totalMs) + " min in all, the longest " + minutes(longestMs) + " min from " + when
         + " UTC): no book and no trading there";
}

void CoverageGapTally::add(const CoverageGapNote &gap)
{
    const std::int64_t length = gap.toMs - gap.fromMs;
    ++gaps;
    totalMs += length;
    if (length > longestMs) {
        longestMs = length;
        longestFromMs = gap.fromMs;
    }
}

} // namespace polymon
