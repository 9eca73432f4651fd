#pragma once

#include "appsettings.h"

#include <QColor>

namespace polymon {

// Light and dark palettes on the Fusion style, and the few colours the
// views paint themselves (bid green, ask red...), readable on both.
class Themes final
{
public:
    static void apply(AppSettings::Theme theme);
    // True when the current palette has a dark window background.
    static bool isDark();

    static QColor bid();
    static QColor ask();
    static QColor bidFill();  // ladder bars
    static QColor askFill();
    static QColor warning();  // banner background
    static QColor warningText();
    static QColor error();
};

} // namespace polymon
