#include "themes.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace polymon {

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x25, 0x28, 0x2c);
    const QColor base(0x1b, 0x1d, 0x20);
    const QColor text(0xe3, 0xe5, 0xe8);
    const QColor disabled(0x7d, 0x82, 0x89);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x25, 0x29));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x34, 0x39));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2f, 0x33, 0x38));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x44));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x3c));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2d, 0x31));
    p.setColor(QPalette::Dark, QColor(0x15, 0x17, 0x19));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb5));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace

void Themes::apply(AppSettings::Theme theme)
{
    static const QPalette systemPalette = QApplication::palette();
    static const QString systemStyle = QApplication::style()->name();
    switch (theme) {
    case AppSettings::Theme::System:
        QApplication::setStyle(QStyleFactory::create(systemStyle));
        QApplication::setPalette(systemPalette);
        break;
    case AppSettings::Theme::Light: {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette light = QApplication::style()->standardPalette();
        // Fusion's selection blue gives white text only 3.7:1; this one 5.6:1.
        light.setColor(QPalette::Highlight, QColor(0x1f, 0x63, 0xa8));
        light.setColor(QPalette::HighlightedText, Qt::white);
        QApplication::setPalette(light);
        break;
    }
    case AppSettings::Theme::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

bool Themes::isDark()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 110;
}

QColor Themes::bid()
{
    return isDark() ? QColor(0x3d, 0xc7, 0x7a) : QColor(0x1f, 0x9d, 0x55);
}

QColor Themes::ask()
{
    return isDark() ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd6, 0x45, 0x45);
}

QColor Themes::bidFill()
{
    QColor c = bid();
    c.setAlpha(isDark() ? 90 : 70);
    return c;
}

QColor Themes::askFill()
{
    QColor c = ask();
    c.setAlpha(isDark() ? 90 : 70);
    return c;
}

QColor Themes::warning()
{
    return isDark() ? QColor(0x4a, 0x3b, 0x10) : QColor(0xff, 0xf3, 0xcd);
}

QColor Themes::warningText()
{
    return isDark() ? QColor(0xff, 0xdf, 0x8a) : QColor(0x5c, 0x44, 0x00);
}

QColor Themes::error()
{
    return isDark() ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
}

} // namespace polymon
