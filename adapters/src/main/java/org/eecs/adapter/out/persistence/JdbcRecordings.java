package org.eecs.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eecs.application.port.out.Recordings;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.turn.TurnId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Raw recordings in {@code turn_recording} and its frames; written and purged within the caller's transaction. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class JdbcRecordings implements Recordings {

    private final JdbcClient jdbc;

    JdbcRecordings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void keep(TurnMedia media) {
        jdbc.sql("""
                        insert into turn_recording (turn_id, patient_id, audio_type, audio, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(media.turn().value(), media.patient().value(), media.audioType(), media.audio(),
                        utc(media.expiresAt()))
                .update();
        List<VideoClip.Frame> frames = media.frames();
        for (int position = 0; position < frames.size(); position++) {
            jdbc.sql("insert into turn_recording_frame (turn_id, position, captured_at, image) values (?, ?, ?, ?)")
                    .params(media.turn().value(), position, utc(frames.get(position).capturedAt()),
                            frames.get(position).image())
                    .update();
        }
    }

    @Override
    public List<Purged> purgeExpired(Instant now, int limit) {
        // SKIP LOCKED: two replicas purging at once share the work instead of waiting for each other
        return jdbc.sql("""
                        delete from turn_recording where turn_id in (
                            select turn_id from turn_recording where expires_at <= ? order by expires_at limit ?
                            for update skip locked)
                        returning turn_id, patient_id""")
                .params(utc(now), limit)
                .query((row, n) -> new Purged(new TurnId(row.getObject("turn_id", UUID.class)),
                        new PatientId(row.getObject("patient_id", UUID.class))))
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
