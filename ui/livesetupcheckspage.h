#pragma once

#include <QWizardPage>

#include <memory>

class QLabel;
class QPushButton;

namespace polymon {

class ClobRestClient;
struct LiveSetupState;

// The exchange's side of the setup, one line each: its clock, its version
// (only the one this client signs for), the API credentials (created or
// derived with the key), the collateral balance and what to do when it or
// the allowances are missing, and how neg-risk markets are signed.
class LiveSetupChecksPage final : public QWizardPage
{
    Q_OBJECT
public:
    LiveSetupChecksPage(std::shared_ptr<LiveSetupState> state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override { return m_passed; }

private:
    void run();
    void line(int step, bool ok, const QString &text);

    std::shared_ptr<LiveSetupState> m_state;
    ClobRestClient *m_client = nullptr;
    QList<QLabel *> m_lines;
    QPushButton *m_retry;
    bool m_passed = false;
};

} // namespace polymon
