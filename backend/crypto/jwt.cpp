// jwt.cpp — RS256 compact JWTs over OpenSSL 3 EVP (see jwt.h).
#include "crypto/jwt.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <optional>
#include <vector>

#include "crypto/crypto_primitives.h"
#include "crypto/openssl_util.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::crypto {

namespace {

Error JwtError(std::string code, std::string message) {
  return Error{std::move(code), std::move(message), ""};
}

// Refuses any passphrase prompt: an encrypted private key is reported as unreadable instead of blocking on a tty.
int NoPassphrase(char*, int, int, void*) {
  return -1;
}

bool IsRsa(const EVP_PKEY* key) {
  return key != nullptr && EVP_PKEY_is_a(key, "RSA") == 1;
}

PkeyPtr ReadPrivateKey(std::string_view pem) {
  BioPtr bio = MemoryBio(pem);
  if (!bio) return nullptr;
  return PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
}

PkeyPtr ReadPublicKey(std::string_view pem) {
  BioPtr bio = MemoryBio(pem);
  if (!bio) return nullptr;
  return PkeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, NoPassphrase, nullptr));
}

// Strict base64url for JWT segments: the RFC 7515 alphabet without padding.
std::optional<std::string> DecodeSegment(std::string_view segment) {
  if (segment.find('=') != std::string_view::npos) return std::nullopt;
  return Base64UrlDecode(segment);
}

std::optional<nlohmann::json> ParseObject(std::string_view text) {
  nlohmann::json value = slotwise::ParseJson(text);
  if (value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

std::optional<std::string> DumpJson(const nlohmann::json& value) {
  try {
    return value.dump();
  } catch (const nlohmann::json::exception&) {  // invalid UTF-8 in a string
    return std::nullopt;
  }
}

std::optional<std::string> PemOf(EVP_PKEY* key, bool private_part) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) return std::nullopt;
  const int written = private_part ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                                   : PEM_write_bio_PUBKEY(bio.get(), key);
  if (written != 1) return std::nullopt;
  return BioContents(bio.get());
}

}  // namespace

Result<std::string> SignRs256(const nlohmann::json& claims, std::string_view private_key_pem, std::string_view kid) {
  ErrorQueueGuard guard;
  PkeyPtr key = ReadPrivateKey(private_key_pem);
  if (!key) return JwtError(codes::kInvalidKey, "the private key is not readable PEM");
  if (!IsRsa(key.get())) return JwtError(codes::kInvalidKey, "the private key is not an RSA key");

  nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  if (!kid.empty()) header["kid"] = std::string(kid);
  const std::optional<std::string> header_text = DumpJson(header);
  const std::optional<std::string> claims_text = DumpJson(claims);
  if (!header_text || !claims_text) return JwtError(codes::kInvalidJwt, "the JWT header or claims are not valid UTF-8");
  if (!claims.is_object()) return JwtError(codes::kInvalidJwt, "JWT claims must be a JSON object");

  const std::string signing_input = Base64UrlEncode(*header_text) + "." + Base64UrlEncode(*claims_text);

  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::size_t signature_length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &signature_length, Bytes(signing_input), signing_input.size()) != 1) {
    return JwtError(codes::kInvalidKey, "OpenSSL could not sign with this key");
  }
  std::string signature(signature_length, '\0');
  if (EVP_DigestSign(ctx.get(), MutableBytes(signature), &signature_length, Bytes(signing_input),
                     signing_input.size()) != 1) {
    return JwtError(codes::kInvalidKey, "OpenSSL could not sign with this key");
  }
  signature.resize(signature_length);
  return signing_input + "." + Base64UrlEncode(signature);
}

Result<nlohmann::json> VerifyRs256(std::string_view jwt, std::string_view public_key_pem) {
  ErrorQueueGuard guard;
  const std::size_t first_dot = jwt.find('.');
  const std::size_t second_dot = first_dot == std::string_view::npos ? first_dot : jwt.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || jwt.find('.', second_dot + 1) != std::string_view::npos) {
    return JwtError(codes::kInvalidJwt, "a compact JWT has exactly three dot-separated parts");
  }
  const std::string_view signing_input = jwt.substr(0, second_dot);
  const std::optional<std::string> header_text = DecodeSegment(jwt.substr(0, first_dot));
  const std::optional<std::string> claims_text = DecodeSegment(jwt.substr(first_dot + 1, second_dot - first_dot - 1));
  const std::optional<std::string> signature = DecodeSegment(jwt.substr(second_dot + 1));
  if (!header_text || !claims_text || !signature) return JwtError(codes::kInvalidJwt, "a JWT part is not base64url");

  const std::optional<nlohmann::json> header = ParseObject(*header_text);
  if (!header) return JwtError(codes::kInvalidJwt, "the JWT header is not a JSON object");
  const auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string() || alg->get<std::string>() != "RS256") {
    return JwtError(codes::kInvalidJwt, "the JWT header must say alg RS256");  // refuses "none", HS256 (key confusion), …
  }
  const std::optional<nlohmann::json> claims = ParseObject(*claims_text);
  if (!claims) return JwtError(codes::kInvalidJwt, "the JWT claims are not a JSON object");

  PkeyPtr key = ReadPublicKey(public_key_pem);
  if (!key) return JwtError(codes::kInvalidKey, "the public key is not readable PEM (expected BEGIN PUBLIC KEY)");
  if (!IsRsa(key.get())) return JwtError(codes::kInvalidKey, "the public key is not an RSA key");

  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1) {
    return JwtError(codes::kInvalidKey, "OpenSSL could not verify with this key");
  }
  if (EVP_DigestVerify(ctx.get(), Bytes(*signature), signature->size(), Bytes(signing_input), signing_input.size()) !=
      1) {
    return JwtError(codes::kInvalidSignature, "the JWT signature does not match");
  }
  return *claims;
}

Result<RsaKeyPair> GenerateRsaKeyPair() {
  ErrorQueueGuard guard;
  PkeyPtr key(EVP_RSA_gen(2048));
  if (!key) return JwtError(codes::kKeyGenerationFailed, "OpenSSL could not generate an RSA key");
  std::optional<std::string> private_pem = PemOf(key.get(), true);
  std::optional<std::string> public_pem = PemOf(key.get(), false);
  if (!private_pem || !public_pem) return JwtError(codes::kKeyGenerationFailed, "OpenSSL could not write the key as PEM");
  return RsaKeyPair{std::move(*private_pem), std::move(*public_pem)};
}

Result<std::string> RsaPublicPemFromJwk(const nlohmann::json& jwk) {
  ErrorQueueGuard guard;
  if (!jwk.is_object()) return JwtError(codes::kInvalidKey, "a JWK must be a JSON object");
  const auto kty = jwk.find("kty");
  const auto n = jwk.find("n");
  const auto e = jwk.find("e");
  if (kty == jwk.end() || !kty->is_string() || kty->get<std::string>() != "RSA") {
    return JwtError(codes::kInvalidKey, "the JWK is not an RSA key (kty)");
  }
  if (n == jwk.end() || e == jwk.end() || !n->is_string() || !e->is_string()) {
    return JwtError(codes::kInvalidKey, "an RSA JWK needs string members n and e");
  }
  const std::optional<std::string> modulus = DecodeSegment(n->get<std::string>());
  const std::optional<std::string> exponent = DecodeSegment(e->get<std::string>());
  if (!modulus || !exponent || modulus->empty() || exponent->empty()) {
    return JwtError(codes::kInvalidKey, "the JWK's n or e is not base64url");
  }

  BignumPtr n_bn(BN_bin2bn(Bytes(*modulus), static_cast<int>(modulus->size()), nullptr));
  BignumPtr e_bn(BN_bin2bn(Bytes(*exponent), static_cast<int>(exponent->size()), nullptr));
  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (!n_bn || !e_bn || !builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n_bn.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e_bn.get()) != 1) {
    return JwtError(codes::kInvalidKey, "OpenSSL could not build the RSA parameters");
  }
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw_key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw_key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return JwtError(codes::kInvalidKey, "the JWK does not describe a usable RSA public key");
  }
  PkeyPtr key(raw_key);
  std::optional<std::string> pem = PemOf(key.get(), false);
  if (!pem) return JwtError(codes::kInvalidKey, "OpenSSL could not write the key as PEM");
  return std::move(*pem);
}

Result<nlohmann::json> RsaJwkFromPublicPem(std::string_view public_key_pem, std::string_view kid) {
  ErrorQueueGuard guard;
  PkeyPtr key = ReadPublicKey(public_key_pem);
  if (!IsRsa(key.get())) return JwtError(codes::kInvalidKey, "the PEM is not an RSA public key");
  BIGNUM* raw_n = nullptr;
  BIGNUM* raw_e = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N, &raw_n) != 1 ||
      EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &raw_e) != 1) {
    BN_free(raw_n);
    BN_free(raw_e);
    return JwtError(codes::kInvalidKey, "OpenSSL could not read the RSA parameters");
  }
  BignumPtr n_bn(raw_n);
  BignumPtr e_bn(raw_e);
  auto bytes_of = [](const BIGNUM* bn) {
    std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    return out;
  };
  nlohmann::json jwk = {{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"},
                        {"n", Base64UrlEncode(bytes_of(n_bn.get()))}, {"e", Base64UrlEncode(bytes_of(e_bn.get()))}};
  if (!kid.empty()) jwk["kid"] = std::string(kid);
  return jwk;
}

}  // namespace slotwise::crypto
