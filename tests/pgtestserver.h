#pragma once

// A PostgreSQL server of the test's own: initdb in a temporary folder, on a
// free loopback port, trust authentication for a `polymon` role, stopped
// (and the folder removed) when the object goes. Run as root (CI), the
// server runs as the `postgres` system user, as initdb requires. Absent
// binaries: available() is false and reason() says what to install.

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <unistd.h>

class PgTestServer
{
public:
    // `durable`: the server syncs its writes (benchmarks); tests run without.
    explicit PgTestServer(bool durable = false)
        : m_durable(durable)
    {
        const QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
        for (const QString &v : versions) {
            const QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(v);
            if (QFile::exists(bin + QStringLiteral("/initdb")) && QFile::exists(bin + QStringLiteral("/pg_ctl"))) {
                m_bin = bin;
                break;
            }
        }
        if (m_bin.isEmpty()) {
            m_reason = QStringLiteral("PostgreSQL is not installed (make deps installs postgresql-15)");
            return;
        }
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            m_reason = QStringLiteral("Qt's PostgreSQL driver is not installed (make deps installs libqt6sql6-psql)");
            return;
        }
        m_root = ::geteuid() == 0;
        if (!m_dir.isValid()) {
            m_reason = QStringLiteral("no temporary folder");
            return;
        }
        m_data = m_dir.filePath(QStringLiteral("data"));
        if (m_root && !run(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("postgres"), m_dir.path()}, false)) {
            m_reason = QStringLiteral("cannot give the folder to the postgres user");
            return;
        }
        if (!run(m_bin + QStringLiteral("/initdb"),
                 {QStringLiteral("-D"), m_data, QStringLiteral("-U"), QStringLiteral("polymon"), QStringLiteral("--auth=trust"),
                  QStringLiteral("--no-sync"), QStringLiteral("-E"), QStringLiteral("UTF8")})) {
            m_reason = QStringLiteral("initdb failed: ") + m_output;
            return;
        }
        {
            QTcpServer probe; // a free port, given back at once
            probe.listen(QHostAddress::LocalHost, 0);
            m_port = probe.serverPort();
        }
        if (!start())
            m_reason = QStringLiteral("the server did not start: ") + m_output;
    }
    ~PgTestServer() { stop(); }

    bool available() const { return m_running; }
    QString reason() const { return m_reason; }
    quint16 port() const { return m_port; }
    // A database of its own for a test; the URL polymon takes.
    QString createDatabase(const QString &name)
    {
        run(m_bin + QStringLiteral("/createdb"),
            {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"),
             QStringLiteral("polymon"), name});
        return QStringLiteral("postgresql://polymon@127.0.0.1:%1/%2").arg(m_port).arg(name);
    }
    // Starts the server (again, after stop(): a recorder's server coming back), on the same port.
    bool start()
    {
        if (m_running)
            return true;
        const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1%3")
                                    .arg(m_port)
                                    .arg(m_dir.path(), m_durable ? QString() : QStringLiteral(" -c fsync=off"));
        m_running = run(m_bin + QStringLiteral("/pg_ctl"), {QStringLiteral("-D"), m_data, QStringLiteral("-o"), options, QStringLiteral("-w"),
                                                            QStringLiteral("-l"), m_dir.filePath(QStringLiteral("log")), QStringLiteral("start")});
        return m_running;
    }
    // Stops the server (a recorder losing it).
    bool stop()
    {
        if (!m_running)
            return true;
        m_running = false;
        return run(m_bin + QStringLiteral("/pg_ctl"), {QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("fast"),
                                                       QStringLiteral("-w"), QStringLiteral("stop")});
    }

private:
    bool run(const QString &program, const QStringList &args, bool asServerUser = true)
    {
        QProcess p;
        if (m_root && asServerUser)
            p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args);
        else
            p.start(program, args);
        const bool ok = p.waitForFinished(60'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        m_output = QString::fromLocal8Bit(p.readAllStandardError() + p.readAllStandardOutput()).right(600);
        return ok;
    }

    QTemporaryDir m_dir;
    QString m_bin;
    QString m_data;
    QString m_reason;
    QString m_output;
    quint16 m_port = 0;
    bool m_root = false;
    bool m_durable = false;
    bool m_running = false;
};

// In a test function (not a helper: QSKIP and QFAIL return from the function
// they are written in): skips when there is no server, or fails when
// POLYMON_REQUIRE_POSTGRES=1 (CI).
#define POLYMON_NEED_POSTGRES(server)                                                                                  \
    do {                                                                                                               \
        if (!(server)->available()) {                                                                                  \
            if (qEnvironmentVariableIntValue("POLYMON_REQUIRE_POSTGRES") == 1)                                         \
                QFAIL(qPrintable(QStringLiteral("PostgreSQL is required here: %1").arg((server)->reason())));          \
            QSKIP(qPrintable(QStringLiteral("no PostgreSQL server: %1").arg((server)->reason())));                     \
        }                                                                                                              \
    } while (false)
