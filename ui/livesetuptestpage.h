#pragma once

#include <QWizardPage>

#include <memory>

class QLabel;
class QPushButton;

namespace polymon {

class ClobRestClient;
struct LiveSetupState;

// Proves the setup end to end with an order that cannot fill: a post-only
// BUY of the market's minimum at 1¢, placed, then cancelled at once.
class LiveSetupTestPage final : public QWizardPage
{
    Q_OBJECT
public:
    LiveSetupTestPage(std::shared_ptr<LiveSetupState> state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override { return m_passed; }

private:
    void placeTestOrder();
    void say(bool ok, const QString &text);

    std::shared_ptr<LiveSetupState> m_state;
    ClobRestClient *m_client = nullptr;
    QLabel *m_what;
    QPushButton *m_place;
    QLabel *m_result;
    QString m_orderId;
    bool m_passed = false;
};

} // namespace polymon
