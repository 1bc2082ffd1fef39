# syntax=docker/dockerfile:1
# ASP.NET Core service with a separate test target.
ARG DOTNET_SDK=mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim
ARG DOTNET_RUNTIME=mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim

FROM ${DOTNET_SDK} AS restore
WORKDIR /source
# Project files only, so restore is cached until a dependency changes.
COPY Inventory.sln global.json nuget.config ./
COPY src/Inventory.Web/Inventory.Web.csproj src/Inventory.Web/
COPY src/Inventory.Core/Inventory.Core.csproj src/Inventory.Core/
COPY tests/Inventory.Tests/Inventory.Tests.csproj tests/Inventory.Tests/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore Inventory.sln

FROM restore AS test
COPY . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet test tests/Inventory.Tests --no-restore --logger "console;verbosity=minimal"

FROM restore AS publish
ARG CONFIGURATION=Release
ARG VERSION=0.0.0-local
COPY src/ src/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Inventory.Web \
      --configuration "${CONFIGURATION}" \
      --no-restore \
      -p:Version="${VERSION}" \
      -p:InvariantGlobalization=true \
      --output /published

FROM ${DOTNET_RUNTIME} AS runtime
ENV ASPNETCORE_URLS=http://+:5080 \
    DOTNET_EnableDiagnostics=0
WORKDIR /srv/inventory
COPY --from=publish /published ./
RUN groupadd --system inventory && useradd --system --gid inventory inventory
USER inventory
EXPOSE 5080
ENTRYPOINT ["dotnet", "Inventory.Web.dll"]
