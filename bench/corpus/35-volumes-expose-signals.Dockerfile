FROM mariadb:11.4
ENV MARIADB_AUTO_UPGRADE=1 MARIADB_INITDB_SKIP_TZINFO=1
COPY conf.d/ /etc/mysql/conf.d/
VOLUME /var/lib/mysql
VOLUME ["/var/log/mysql", "/backups"]
VOLUME /etc/mysql/extra /run/mysqld
EXPOSE 3306 33060
EXPOSE 3306/tcp 4444/udp
EXPOSE 8000-8010
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --retries=10 CMD ["healthcheck.sh", "--connect", "--innodb_initialized"]
USER mysql
CMD ["mariadbd"]
