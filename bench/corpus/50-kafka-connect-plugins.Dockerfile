FROM confluentinc/cp-kafka-connect:7.6.1 AS connect
ENV CONNECT_PLUGIN_PATH="/usr/share/java,/usr/share/confluent-hub-components"
RUN confluent-hub install --no-prompt confluentinc/kafka-connect-jdbc:10.7.6 \
 && confluent-hub install --no-prompt debezium/debezium-connector-postgresql:2.5.4 \
 && confluent-hub install --no-prompt confluentinc/kafka-connect-s3:10.5.13
USER root
COPY drivers/*.jar /usr/share/confluent-hub-components/confluentinc-kafka-connect-jdbc/lib/
USER appuser
COPY --chown=appuser:appuser config/connect-log4j.properties /etc/kafka/connect-log4j.properties
HEALTHCHECK --start-period=2m CMD curl -fs http://localhost:8083/connectors || exit 1
