#include "signaljson.h"

#include "util/jsonstring.h"

#include <cstdio>

namespace polymon {

namespace {

void appendNumber(std::string &out, double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    out += buf;
}

void appendFixed(std::string &out, Fixed v)
{
    out += '"';
    out += formatFixed(v);
    out += '"';
}

} // namespace

std::string SignalJson::line(const Signal &s, bool withOutcome)
{
    std::string out = "{\"type\":\"";
    out += signalTypeName(s.type);
    out += "\",\"asset_id\":";
    appendJsonString(out, s.assetId);
    out += ",\"ts\":" + std::to_string(s.timestampMs);
    out += ",\"side\":\"";
    out += signalSideName(s.side);
    out += "\",\"confidence\":" + std::to_string(s.confidence);
    out += ",\"expected_reversion\":";
    appendFixed(out, s.expectedReversion);
    out += ",\"ratios\":{\"depth\":";
    appendNumber(out, s.depthRatio);
    out += ",\"spread\":";
    appendNumber(out, s.spreadRatio);
    out += ",\"imbalance\":";
    appendNumber(out, s.imbalance);
    out += ",\"price_change\":";
    appendFixed(out, s.priceChange);
    out += "},\"description\":";
    appendJsonString(out, s.description);
    if (withOutcome && s.resolved) {
        out += ",\"outcome\":{\"reverted\":";
        out += s.reverted ? "true" : "false";
        out += ",\"reversion_time_s\":";
        if (s.reverted)
            appendNumber(out, s.reversionTimeS);
        else
            out += "null";
        out += ",\"max_profit\":";
        appendFixed(out, s.maxProfit);
        out += ",\"max_adverse\":";
        appendFixed(out, s.maxAdverse);
        out += '}';
    }
    out += '}';
    return out;
}

} // namespace polymon
