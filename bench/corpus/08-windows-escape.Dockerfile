# escape=`
# A Windows image: the backtick is the escape character so paths can keep backslashes.
ARG WINDOWS_VERSION=ltsc2022
FROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}

SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]

ENV NODE_VERSION=20.15.0 `
    APP_HOME=C:\app

RUN Invoke-WebRequest -Uri "https://nodejs.org/dist/v$env:NODE_VERSION/node-v$env:NODE_VERSION-win-x64.zip" -OutFile node.zip ; `
    Expand-Archive node.zip -DestinationPath C:\ ; `
    Rename-Item "C:\node-v$env:NODE_VERSION-win-x64" C:\nodejs ; `
    Remove-Item -Force node.zip

RUN setx /M PATH $($env:PATH + ';C:\nodejs')

WORKDIR C:\app
COPY package.json package-lock.json C:\app\
RUN npm ci --omit=dev
COPY . C:\app\

EXPOSE 3000
CMD ["node.exe", "server.js"]
