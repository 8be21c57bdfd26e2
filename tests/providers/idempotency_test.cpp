// Tests for backend/providers/idempotency: SHA-256 against FIPS 180-4 vectors; Google event ids.
#include <doctest/doctest.h>

#include <string>

#include "providers/idempotency.h"

using namespace slotwise::providers;

TEST_CASE("Idempotency: SHA-256 matches the published test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("Idempotency: Google event ids are deterministic base32hex of legal length") {
  const std::string id = GoogleEventIdFor("booking-42");
  CHECK(id == GoogleEventIdFor("booking-42"));
  CHECK(id != GoogleEventIdFor("booking-43"));
  CHECK(id.size() >= 5);
  CHECK(id.size() <= 1024);
  for (char c : id) CHECK(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'v')));
}
