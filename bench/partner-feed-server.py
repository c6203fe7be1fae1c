#!/usr/bin/env python3
"""A partner-media server for bench/run-partner-feeds.sh: FEEDS RSS feeds of ITEMS items each at /feed/{n}.xml,
with an ETag per feed (If-None-Match answers 304), served by threads on 127.0.0.1:PORT. Headlines come from
../shared/data's NLPCC file when present (each feed a different slice), else from generated text.
Usage: partner-feed-server.py PORT FEEDS ITEMS"""
import hashlib, html, http.server, os, sys

port, feeds, items = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
corpus = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "nlpcc2017-headlines-dev.tsv")
titles = []
if os.path.exists(corpus):
    with open(corpus, encoding="utf-8") as f:
        next(f)
        titles = [line.split("\t")[1] for line in f if "\t" in line]
if not titles:
    words = "城市 交通 地铁 公园 学校 医院 社区 企业 市场 农业 旅游 文化 体育 科技 天气 港口 铁路 图书馆 博物馆 志愿者".split()
    titles = [f"{words[i % 20]}{words[(i * 7) % 20]}新闻第{i}条：{words[(i * 3) % 20]}与{words[(i * 11) % 20]}" for i in range(20000)]

documents = {}
for n in range(feeds):
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>合作媒体{n}</title><link>http://127.0.0.1:{port}/</link>']
    for i in range(items):
        t = titles[(n * items + i) % len(titles)]
        body = html.escape(f"<p>{t}。记者从有关部门获悉，{t}的相关工作正在推进。</p><p>合作媒体{n}第{i}条稿件的第二段。</p>")
        parts.append(f"<item><title>{html.escape(t)}</title><guid>p{n}-{i}</guid><link>/a/{n}/{i}.html</link>"
                     f"<pubDate>Sat, 05 Dec 2026 0{i % 10}:00:00 +0800</pubDate><description>{body}</description></item>")
    parts.append("</channel></rss>")
    data = "".join(parts).encode("utf-8")
    documents[f"/feed/{n}.xml"] = (data, '"' + hashlib.sha256(data).hexdigest()[:16] + '"')

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        doc = documents.get(self.path)
        if doc is None:
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
        data, etag = doc
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304); self.send_header("ETag", etag); self.send_header("Content-Length", "0"); self.end_headers(); return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
