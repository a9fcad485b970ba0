package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.core.logging.JsonLogs;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.junit.jupiter.api.Test;

class LogConfigurationTest {

    @Test
    void benchSilencesTheProcessorsResultLinesByTheLoggersName() {
        String resource = "filepipe-bench-log4j2.xml";
        Configuration config = new XmlConfiguration(new LoggerContext(resource),
                ConfigurationSource.fromResource(resource, getClass().getClassLoader()));
        config.initialize();

        assertEquals(JsonLogs.RESULT_LOGGER, config.getLoggerConfig(JsonLogs.RESULT_LOGGER).getName());
        assertEquals(Level.WARN, config.getLoggerConfig(JsonLogs.RESULT_LOGGER).getLevel());
    }
}
