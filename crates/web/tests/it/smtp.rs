//! A small SMTP server on loopback for the delivery tests: it speaks the
//! protocol lettre speaks, records what arrives, and can refuse the first
//! messages with a temporary error (451) to exercise retries.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Clone, Default)]
pub struct SmtpServer {
    pub received: Arc<Mutex<Vec<Received>>>,
    refuse_next: Arc<Mutex<u32>>,
}

impl SmtpServer {
    /// Starts listening on a free loopback port; returns the server and its `smtp://` URL.
    pub async fn start() -> (SmtpServer, String) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = SmtpServer::default();
        let s = server.clone();
        tokio::spawn(async move {
            loop {
                let Ok((sock, _)) = listener.accept().await else {
                    return;
                };
                let s = s.clone();
                tokio::spawn(async move { s.session(sock).await });
            }
        });
        (server, format!("smtp://127.0.0.1:{port}"))
    }

    /// The next `n` messages are answered with 451 (try again later).
    pub fn refuse_next(&self, n: u32) {
        *self.refuse_next.lock().unwrap() = n;
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    async fn session(&self, sock: tokio::net::TcpStream) {
        let (r, mut w) = sock.into_split();
        let mut lines = BufReader::new(r).lines();
        let _ = w.write_all(b"220 test.local ESMTP\r\n").await;
        let (mut from, mut to) = (String::new(), Vec::new());
        while let Ok(Some(line)) = lines.next_line().await {
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") {
                b"250-test.local\r\n250 8BITMIME\r\n"
            } else if upper.starts_with("HELO") {
                b"250 test.local\r\n"
            } else if upper.starts_with("MAIL FROM:") {
                from = line[10..].trim().to_string();
                to.clear();
                b"250 OK\r\n"
            } else if upper.starts_with("RCPT TO:") {
                to.push(line[8..].trim().to_string());
                b"250 OK\r\n"
            } else if upper == "DATA" {
                let _ = w
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await;
                let mut data = String::new();
                while let Ok(Some(l)) = lines.next_line().await {
                    if l == "." {
                        break;
                    }
                    data.push_str(l.strip_prefix('.').unwrap_or(&l));
                    data.push('\n');
                }
                let refuse = {
                    let mut n = self.refuse_next.lock().unwrap();
                    if *n > 0 {
                        *n -= 1;
                        true
                    } else {
                        false
                    }
                };
                if refuse {
                    b"451 4.3.0 Try again later\r\n"
                } else {
                    self.received.lock().unwrap().push(Received {
                        from: from.clone(),
                        to: to.clone(),
                        data,
                    });
                    b"250 OK queued\r\n"
                }
            } else if upper == "RSET" || upper == "NOOP" {
                b"250 OK\r\n"
            } else if upper == "QUIT" {
                let _ = w.write_all(b"221 Bye\r\n").await;
                return;
            } else {
                b"502 Command not implemented\r\n"
            };
            if w.write_all(reply).await.is_err() {
                return;
            }
        }
    }
}
