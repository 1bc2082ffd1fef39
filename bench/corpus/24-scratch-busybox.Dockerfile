FROM busybox:1.36-musl AS bb
RUN mkdir -p /rootfs/bin /rootfs/etc /rootfs/tmp \
    && cp /bin/busybox /rootfs/bin/ \
    && for tool in sh ls cat echo mkdir rm wget; do ln -s busybox "/rootfs/bin/$tool"; done \
    && echo 'root:x:0:0:root:/:/bin/sh' > /rootfs/etc/passwd \
    && echo 'root:x:0:' > /rootfs/etc/group \
    && chmod 1777 /rootfs/tmp

FROM scratch
COPY --from=bb /rootfs/ /
ENV PATH=/bin
CMD ["sh"]
