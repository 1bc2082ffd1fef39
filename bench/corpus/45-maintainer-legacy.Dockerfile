FROM centos:7
MAINTAINER "Ops Team" <ops@example.com>
ENV container docker
RUN yum -y update && yum -y install httpd mod_ssl && yum clean all
ADD httpd.conf /etc/httpd/conf/httpd.conf
ADD site.tar.gz /var/www/html/
EXPOSE 80 443
VOLUME /var/log/httpd
ENTRYPOINT ["/usr/sbin/httpd"]
CMD ["-D", "FOREGROUND"]
