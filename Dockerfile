# policylint in a container: a static (musl) binary on a distroless base, nothing else.
#   docker build -t policylint .
#   docker run --rm -v "$PWD:/work" policylint check policies
FROM rust:1-alpine AS build
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked \
    && strip target/release/policylint

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/target/release/policylint /usr/local/bin/policylint
WORKDIR /work
ENTRYPOINT ["policylint"]
CMD ["check", "."]
