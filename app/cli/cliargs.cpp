#include "cliargs.h"

#include <cstdlib>

namespace polymon {

CliArgs::CliArgs(std::vector<Option> options, std::size_t maxPositional)
    : m_options(std::move(options))
    , m_maxPositional(maxPositional)
{
}

const CliArgs::Option *CliArgs::find(const std::string &name) const
{
    for (const Option &o : m_options) {
        if (name == o.name)
            return &o;
    }
    return nullptr;
}

bool CliArgs::parse(const std::vector<std::string> &args, std::string &error)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a.size() > 1 && a[0] == '-') {
            const Option *o = find(a);
            if (!o) {
                error = "unknown option: " + a;
                return false;
            }
            if (o->takesValue && i + 1 >= args.size()) {
                error = a + " needs a value";
                return false;
            }
            m_given.emplace_back(a, o->takesValue ? args[++i] : std::string());
        } else if (m_positional.size() < m_maxPositional) {
            m_positional.push_back(a);
        } else {
            error = "unexpected argument: " + a;
            return false;
        }
    }
    return true;
}

bool CliArgs::has(const std::string &name) const
{
    for (const auto &[n, v] : m_given) {
        if (n == name)
            return true;
    }
    return false;
}

std::string CliArgs::value(const std::string &name, const std::string &fallback) const
{
    std::string out = fallback;
    for (const auto &[n, v] : m_given) {
        if (n == name)
            out = v;
    }
    return out;
}

std::vector<std::string> CliArgs::values(const std::string &name) const
{
    std::vector<std::string> out;
    for (const auto &[n, v] : m_given) {
        if (n == name)
            out.push_back(v);
    }
    return out;
}

bool CliArgs::number(const std::string &name, double min, double max, double &out) const
{
    if (!has(name))
        return true;
    const std::string text = value(name);
    char *end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (!end || *end != '\0' || end == text.c_str() || !(v >= min && v <= max))
        return false;
    out = v;
    return true;
}

} // namespace polymon
