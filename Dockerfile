# clausemap in a container, for `clausemap worker` (docker-compose.yml) or a run. Not tested in CI (no
# Docker engine there; docs/queue.md says how it was run).
FROM node:20-bookworm-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends poppler-utils tesseract-ocr tesseract-ocr-eng antiword unrtf \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/clausemap
ENV PUPPETEER_SKIP_DOWNLOAD=1
COPY . .
# npm ci builds dist/ (the package's prepare script)
RUN npm ci --no-audit --no-fund
USER node
ENTRYPOINT ["node", "/opt/clausemap/bin/clausemap.js"]
CMD ["worker"]
