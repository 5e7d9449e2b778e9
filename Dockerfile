# One image for every Node service; compose picks the command. Models are mounted, never baked in.
FROM node:20.19.5-bookworm-slim
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY common/package.json common/
COPY gallery-api/package.json gallery-api/
COPY inference-service/package.json inference-service/
COPY models/package.json models/
COPY prompts/package.json prompts/
COPY studio-web/package.json studio-web/
COPY tests/package.json tests/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w studio-web
USER node
