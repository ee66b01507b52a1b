//! HTTPS served by the gateway itself (`--tls-cert`/`--tls-key`, or `--tls-self-signed` for
//! the demo): ALE's client libraries only speak https. rustls with the ring provider, as the
//! proxy's upstream connection already uses; [`serve`] runs the listener.

mod serve;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::ServerConfig;
use sha2::{Digest, Sha256};

pub use serve::{over_https, serve};

/// Why the gateway cannot serve https.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    /// A PEM file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The certificate file holds no (readable) PEM certificate.
    #[error("{0}: no PEM certificate (-----BEGIN CERTIFICATE-----) found")]
    NoCertificate(PathBuf),
    /// The key file holds no (readable) PEM private key.
    #[error("{0}: no PEM private key (PKCS#8, PKCS#1 or SEC1) found")]
    NoKey(PathBuf),
    /// rustls refused the certificate and key, e.g. because they do not match.
    #[error("the certificate and key cannot be used: {0}")]
    Rejected(#[from] rustls::Error),
    /// The self-signed certificate could not be generated.
    #[error("cannot generate a self-signed certificate: {0}")]
    Generate(#[from] rcgen::Error),
}

/// A server TLS configuration and what to tell people about its certificate.
#[derive(Clone)]
pub struct ServerTls {
    /// For the acceptor.
    pub config: Arc<ServerConfig>,
    /// The leaf certificate, DER (clients of a self-signed one trust exactly this).
    pub certificate: CertificateDer<'static>,
}

impl ServerTls {
    /// The SHA-256 fingerprint of the certificate, as browsers show it (`AB:CD:…`).
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.certificate)
    }

    /// The certificate in PEM form (to hand to a client that must trust it).
    pub fn certificate_pem(&self) -> String {
        use base64::Engine as _;
        let body = base64::engine::general_purpose::STANDARD.encode(self.certificate.as_ref());
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(64)
            .filter_map(|chunk| std::str::from_utf8(chunk).ok())
            .collect();
        format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            lines.join("\n")
        )
    }
}

/// Upper-case hex SHA-256 of `der`, bytes separated by colons.
pub fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|byte| format!("{byte:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn read(path: &Path) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|source| TlsError::Read {
        path: path.to_owned(),
        source,
    })
}

/// The certificate chain of `cert` (leaf first) and the private key of `key`, both PEM.
pub fn from_pem_files(cert: &Path, key: &Path) -> Result<ServerTls, TlsError> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&read(cert)?)
        .collect::<Result<_, _>>()
        .map_err(|_| TlsError::NoCertificate(cert.to_owned()))?;
    let leaf = chain
        .first()
        .cloned()
        .ok_or_else(|| TlsError::NoCertificate(cert.to_owned()))?;
    let private_key =
        PrivateKeyDer::from_pem_slice(&read(key)?).map_err(|_| TlsError::NoKey(key.to_owned()))?;
    build(chain, private_key, leaf)
}

/// The names a self-signed certificate for a listener on `addr` covers: `localhost`, the
/// loopback addresses, and `addr`'s own IP when it is a specific one.
pub fn local_names(addr: std::net::SocketAddr) -> Vec<String> {
    let mut names = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    let ip = addr.ip();
    if !ip.is_unspecified() && !ip.is_loopback() {
        names.push(ip.to_string());
    }
    names
}

/// A fresh self-signed certificate for `names` (DNS names or IP addresses), valid for the
/// demo: browsers warn until it is trusted, clients can pin its fingerprint.
pub fn self_signed(names: &[String]) -> Result<ServerTls, TlsError> {
    let generated = rcgen::generate_simple_self_signed(names.to_vec())?;
    let certificate = generated.cert.der().clone();
    let private_key = PrivateKeyDer::Pkcs8(generated.key_pair.serialize_der().into());
    build(vec![certificate.clone()], private_key, certificate)
}

fn build(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    leaf: CertificateDer<'static>,
) -> Result<ServerTls, TlsError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(chain, key)?;
    // HTTP/1.1 only: the gateway's server speaks it (and WebSocket upgrades need it).
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(ServerTls {
        config: Arc::new(config),
        certificate: leaf,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_signed_certificate_has_a_colon_separated_sha256_fingerprint() {
        let tls = self_signed(&["localhost".to_owned(), "127.0.0.1".to_owned()]).expect("cert");
        let fingerprint = tls.fingerprint();
        assert_eq!(fingerprint.len(), 32 * 3 - 1, "{fingerprint}");
        assert!(fingerprint
            .split(':')
            .all(|b| b.len() == 2 && b.bytes().all(|c| c.is_ascii_hexdigit())));
        assert!(tls
            .certificate_pem()
            .starts_with("-----BEGIN CERTIFICATE-----\n"));
    }

    #[test]
    fn missing_or_wrong_files_are_named() {
        let dir = std::env::temp_dir().join(format!("agentdesk-tls-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let missing = dir.join("missing.pem");
        let error = from_pem_files(&missing, &missing).err().expect("missing");
        assert!(matches!(error, TlsError::Read { .. }), "{error}");
        let text = dir.join("text.pem");
        std::fs::write(&text, "not a certificate").expect("write");
        let error = from_pem_files(&text, &text).err().expect("garbage");
        assert!(matches!(error, TlsError::NoCertificate(_)), "{error}");
        let tls = self_signed(&["localhost".to_owned()]).expect("cert");
        let cert = dir.join("cert.pem");
        std::fs::write(&cert, tls.certificate_pem()).expect("write");
        let error = from_pem_files(&cert, &cert).err().expect("no key");
        assert!(matches!(error, TlsError::NoKey(_)), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
