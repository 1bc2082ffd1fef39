FROM fedora:40
ARG USERNAME=dev
ARG USER_UID=1000
ARG USER_GID=$USER_UID
RUN groupadd --gid $USER_GID $USERNAME \
    && useradd --uid $USER_UID --gid $USER_GID -m $USERNAME \
    && dnf install -y sudo git vim-enhanced \
    && dnf clean all \
    && echo "$USERNAME ALL=(root) NOPASSWD:ALL" > /etc/sudoers.d/$USERNAME \
    && chmod 0440 /etc/sudoers.d/$USERNAME
# Relative WORKDIRs stack: this ends in /home/dev/work/project.
WORKDIR /home/$USERNAME
WORKDIR work
WORKDIR project
USER $USERNAME
RUN pwd && whoami
USER root:root
RUN chown -R $USER_UID:$USER_GID /home/$USERNAME
USER ${USERNAME}
