package org.eecs.adapter.out.export;

import java.io.OutputStream;
import java.util.function.Function;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.application.port.export.ExportFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The formats of audit exports this adapter writes itself (the FHIR adapter brings the FHIR Bundle). */
@Configuration(proxyBeanMethods = false)
class ExportConfiguration {

    @Bean
    AuditRecordFormat ndjsonFormat() {
        return format(ExportFormat.NDJSON, NdjsonWriter::new);
    }

    @Bean
    AuditRecordFormat csvFormat() {
        return format(ExportFormat.CSV, CsvWriter::new);
    }

    private static AuditRecordFormat format(ExportFormat format,
                                            Function<OutputStream, AuditRecordFormat.RecordWriter> writer) {
        return new AuditRecordFormat() {
            @Override
            public ExportFormat format() {
                return format;
            }

            @Override
            public RecordWriter start(OutputStream content) {
                return writer.apply(content);
            }
        };
    }
}
