//! TLS towards an `https://` upstream: which certificates the O2G server may present.
//!
//! A real O2G usually presents a certificate of a private CA or a self-signed one, so besides
//! the public web roots the operator can name the CA to trust (`--upstream-ca`), or, in a lab,
//! turn verification off (`--upstream-insecure`).

use std::path::Path;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::upstream::UpstreamError;

/// Which certificates an `https://` upstream may present.
#[derive(Debug, Clone, Default)]
pub enum UpstreamTrust {
    /// Those issued by a public web CA (Mozilla's list, compiled in).
    #[default]
    PublicRoots,
    /// Only those issued by one of these CAs (a self-signed certificate may be its own CA).
    /// The public roots are not trusted then: an operator naming a private CA pins to it.
    Ca(Vec<CertificateDer<'static>>),
    /// Any certificate, unverified: lab setups only (anyone on the path can impersonate O2G).
    Insecure,
}

impl UpstreamTrust {
    /// The CA certificates of a PEM file.
    pub fn ca_file(path: &Path) -> Result<UpstreamTrust, UpstreamError> {
        let unreadable = |reason: String| UpstreamError::Ca {
            path: path.display().to_string(),
            reason,
        };
        let pem = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        let certificates = CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| unreadable(format!("not a PEM certificate file ({e})")))?;
        if certificates.is_empty() {
            return Err(unreadable("no CERTIFICATE block in it".to_owned()));
        }
        Ok(UpstreamTrust::Ca(certificates))
    }

    /// The rustls client configuration for this trust.
    pub(super) fn client_config(&self) -> Result<ClientConfig, UpstreamError> {
        // An explicit provider: rustls' process-wide default is ambiguous (and its builder
        // panics) should another crate in the build enable a second crypto backend.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| UpstreamError::Tls(e.to_string()))?;
        let config = match self {
            UpstreamTrust::PublicRoots => builder
                .with_root_certificates(RootCertStore {
                    roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
                })
                .with_no_client_auth(),
            UpstreamTrust::Ca(certificates) => {
                let mut roots = RootCertStore::empty();
                for certificate in certificates {
                    roots
                        .add(certificate.clone())
                        .map_err(|e| UpstreamError::Tls(format!("unusable CA certificate: {e}")))?;
                }
                builder.with_root_certificates(roots).with_no_client_auth()
            }
            UpstreamTrust::Insecure => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
                .with_no_client_auth(),
        };
        Ok(config)
    }
}

/// Accepts whatever certificate the server presents, but still checks that the server holds
/// its key (handshake signatures), so the session keys are at least the server's.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The TLS failure somewhere in `error`'s chain, if that is why a request failed.
pub(super) fn tls_failure<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a rustls::Error> {
    let mut next = Some(error);
    while let Some(error) = next {
        if let Some(tls) = error.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        // `io::Error::source` skips the error it wraps (the connector nests the handshake's
        // failure two `io::Error`s deep), so step into it explicitly.
        next = match error.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => error.source(),
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_file_without_certificates_is_refused_with_its_path() {
        let dir = std::env::temp_dir().join(format!("agentdesk-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").expect("write");
        let error = UpstreamTrust::ca_file(&empty).expect_err("no certificate");
        assert!(error.to_string().contains("empty.pem"), "{error}");
        let missing = UpstreamTrust::ca_file(&dir.join("missing.pem")).expect_err("missing");
        assert!(missing.to_string().contains("missing.pem"), "{missing}");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn every_trust_builds_a_client_configuration() {
        assert!(UpstreamTrust::PublicRoots.client_config().is_ok());
        assert!(UpstreamTrust::Insecure.client_config().is_ok());
    }
}
