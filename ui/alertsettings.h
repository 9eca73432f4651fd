#pragma once

#include <QSettings>

namespace polymon {

// Typed access to the alert preferences kept in QSettings (a settings dialog
// will edit them; until then: ~/.config/polymon/polymon.conf, [alerts]).
class AlertSettings final
{
public:
    static int minConfidence() { return QSettings().value(QStringLiteral("alerts/minConfidence"), 60).toInt(); }
    static void setMinConfidence(int v) { QSettings().setValue(QStringLiteral("alerts/minConfidence"), v); }
    static bool sound() { return QSettings().value(QStringLiteral("alerts/sound"), false).toBool(); }
    static void setSound(bool on) { QSettings().setValue(QStringLiteral("alerts/sound"), on); }
};

} // namespace polymon
