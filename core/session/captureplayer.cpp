#include "captureplayer.h"

#include "capture/captureformat.h"
#include "catalog/marketinfojson.h"
#include "feed/feedconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace polymon {

using namespace capture;

namespace {
constexpr int kTickMs = 5;
constexpr std::size_t kFramesPerTick = 20'000;  // the event loop stays responsive
constexpr std::size_t kFastFramesPerTick = 5'000; // as fast as possible, in slices
} // namespace

CapturePlayer::CapturePlayer(QObject *parent)
    : FrameSource(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &CapturePlayer::onTick);
}

CapturePlayer::~CapturePlayer() = default;

bool CapturePlayer::open(const QString &path, QString &error)
{
    std::string err;
    if (!m_file.open(path.toStdString(), 0, err) || !m_reader.open(m_file.view(), err)) {
        error = QString::fromStdString(err);
        return false;
    }
    // One pass over the headers: the span, the checkpoints, the first note.
    m_checkpoints.clear();
    m_gaps.clear();
    bool first = true;
    m_reader.forEach([&](const CaptureReader::Record &r) {
        if (first) {
            m_startNs = r.header.timeNs;
            first = false;
        }
        m_endNs = std::max<qint64>(m_endNs, r.header.timeNs);
        if (r.header.type == RecordType::Checkpoint) {
            m_checkpoints.push_back(CaptureReader::Checkpoint{r.header.timeNs, r.offset});
        } else if (CoverageGapNote gap; r.header.type == RecordType::Note && CoverageGapNote::fromJson(r.payload, gap)) {
            m_gaps << gap;
        } else if (r.header.type == RecordType::Note) {
            // Each note may name assets subscribed then; the union, in order.
            const QJsonObject note =
                QJsonDocument::fromJson(QByteArray(r.payload.data(), qsizetype(r.payload.size()))).object();
            for (const QJsonValue &v : note.value(QStringLiteral("assets")).toArray()) {
                if (!m_assets.contains(v.toString()))
                    m_assets << v.toString();
            }
            if (m_endpoint.isEmpty())
                m_endpoint = note.value(QStringLiteral("endpoint")).toString();
            MarketInfo market;
            if (MarketInfoJson::fromJson(note.value(QStringLiteral("market")).toObject(), market)
                && std::none_of(m_markets.cbegin(), m_markets.cend(),
                                [&](const MarketInfo &m) { return m.conditionId == market.conditionId; }))
                m_markets << market;
        }
    });
    m_complete = m_reader.complete();
    m_offset = kFileHeaderSize;
    m_positionNs = m_startNs;
    m_atEnd = false;
    return true;
}

QList<MarketInfo> CapturePlayer::recordedMarkets() const
{
    QList<MarketInfo> markets = m_markets;
    for (const QString &asset : m_assets) {
        const bool described = std::any_of(markets.cbegin(), markets.cend(),
                                           [&](const MarketInfo &m) { return m.tokenIds.contains(asset); });
        if (described)
            continue;
        MarketInfo m;
        m.conditionId = asset;
        m.question = tr("Recorded token %1…").arg(asset.left(12));
        m.outcomes = {tr("Token")};
        m.tokenIds = {asset};
        markets << m;
    }
    return markets;
}

void CapturePlayer::setSpeed(double speed)
{
    m_speed = std::max(0.0, speed);
    anchor();
    if (m_playing)
        m_timer.start(m_speed == 0.0 ? 0 : kTickMs);
}

void CapturePlayer::anchor()
{
    m_anchorNs = m_positionNs;
    m_wall.start();
}

void CapturePlayer::play()
{
    if (m_playing || m_atEnd)
        return;
    m_playing = true;
    anchor();
    m_timer.start(m_speed == 0.0 ? 0 : kTickMs);
    Q_EMIT playingChanged(true);
}

void CapturePlayer::pause()
{
    if (!m_playing)
        return;
    m_playing = false;
    m_timer.stop();
    Q_EMIT playingChanged(false);
}

std::size_t CapturePlayer::emitUntil(qint64 untilNs, std::size_t maxFrames)
{
    std::size_t frames = 0;
    CaptureReader::Record r;
    while (frames < maxFrames) {
        if (!m_reader.recordAt(m_offset, r)) {
            m_atEnd = true;
            break;
        }
        if (r.header.timeNs > untilNs)
            break;
        m_offset = CaptureReader::nextOffset(r);
        m_positionNs = std::max<qint64>(m_positionNs, r.header.timeNs);
        if (r.header.type != RecordType::Frame) {
            dropGapBooks(r);
            continue; // checkpoints serve seeking; the frames carry the books on
        }
        ++frames;
        // The mapping outlives the (synchronous) receivers: no copy.
        Q_EMIT frameReceived(r.header.connection, QByteArray::fromRawData(r.payload.data(), qsizetype(r.payload.size())),
                             steadyNowNs());
    }
    return frames;
}

void CapturePlayer::dropGapBooks(const CaptureReader::Record &r)
{
    // Nobody recorded these books from here: none until their next `book`.
    if (CoverageGapNote gap; r.header.type == RecordType::Note && CoverageGapNote::fromJson(r.payload, gap))
        {
        QStringList assets;
        for (const std::string &a : gap.assets)
            assets << QString::fromStdString(a);
        Q_EMIT assetsInvalidated(0, assets);
    }
}

void CapturePlayer::onTick()
{
    if (m_speed == 0.0) {
        emitUntil(std::numeric_limits<qint64>::max(), kFastFramesPerTick);
    } else {
        const qint64 target = m_anchorNs + qint64(double(m_wall.nsecsElapsed()) * m_speed);
        if (emitUntil(target, kFramesPerTick) == kFramesPerTick)
            anchor(); // behind the pace: carry on from here rather than flood
        else if (!m_atEnd)
            m_positionNs = std::max(m_positionNs, std::min(target, m_endNs));
    }
    Q_EMIT positionChanged(m_positionNs);
    if (m_atEnd) {
        pause();
        Q_EMIT finished();
    }
}

bool CapturePlayer::step()
{
    pause();
    CaptureReader::Record r;
    while (m_reader.recordAt(m_offset, r)) {
        if (r.header.type == RecordType::Frame) {
            emitUntil(r.header.timeNs, 1);
            Q_EMIT positionChanged(m_positionNs);
            return true;
        }
        m_offset = CaptureReader::nextOffset(r);
        m_positionNs = std::max<qint64>(m_positionNs, r.header.timeNs);
        dropGapBooks(r);
    }
    m_atEnd = true;
    return false;
}

void CapturePlayer::seek(qint64 timeNs)
{
    timeNs = std::clamp(timeNs, m_startNs, m_endNs);
    // The last checkpoint at or before the moment, else the very start.
    const auto after = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), timeNs,
                                        [](qint64 t, const CaptureReader::Checkpoint &c) { return t < c.timeNs; });
    CaptureReader::Record r;
    if (after != m_checkpoints.begin() && m_reader.recordAt(std::prev(after)->offset, r)) {
        m_offset = CaptureReader::nextOffset(r);
        m_positionNs = r.header.timeNs;
        Q_EMIT checkpointReached(QByteArray::fromRawData(r.payload.data(), qsizetype(r.payload.size())));
    } else {
        m_offset = kFileHeaderSize;
        m_positionNs = m_startNs;
        char empty[4] = {};
        Q_EMIT checkpointReached(QByteArray(empty, sizeof empty)); // no books yet
    }
    m_atEnd = false;
    emitUntil(timeNs, std::numeric_limits<std::size_t>::max());
    m_positionNs = std::max(m_positionNs, timeNs);
    anchor();
    Q_EMIT positionChanged(m_positionNs);
}

} // namespace polymon
