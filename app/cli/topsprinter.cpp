#include "topsprinter.h"

#include "replay/topsline.h"

#include <cstdio>

namespace polymon::cli {

void TopsPrinter::onTop(const AssetBook &asset, std::int64_t timestampMs)
{
    TopsLine::append(m_out, asset, timestampMs);
    if (m_out.size() > (1 << 16))
        flush();
}

void TopsPrinter::flush()
{
    std::fwrite(m_out.data(), 1, m_out.size(), stdout);
    m_out.clear();
}

} // namespace polymon::cli
