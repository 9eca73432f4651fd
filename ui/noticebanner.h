#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace polymon {

// A strip across the top of the window: a message and up to two actions
// (Retry, Use SIMULATED...). Warning colours that follow the theme.
class NoticeBanner final : public QFrame
{
    Q_OBJECT
public:
    explicit NoticeBanner(QWidget *parent = nullptr);

    // Shows the message; empty action texts hide the buttons.
    void showNotice(const QString &html, const QString &primary = {}, const QString &secondary = {});
    QString text() const;
    QPushButton *primaryButton() const noexcept { return m_primary; }
    QPushButton *secondaryButton() const noexcept { return m_secondary; }

Q_SIGNALS:
    void primaryClicked();
    void secondaryClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();

    QLabel *m_text;
    QPushButton *m_primary;
    QPushButton *m_secondary;
    int m_dark = -1; // the theme the colours were made for
};

} // namespace polymon
