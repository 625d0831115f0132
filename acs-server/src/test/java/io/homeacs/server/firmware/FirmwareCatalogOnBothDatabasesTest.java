package io.homeacs.server.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeacs.firmware.Ed25519Keys;
import io.homeacs.firmware.ImageManifest;
import io.homeacs.server.config.ConfigLoader;
import io.homeacs.server.firmware.store.DiskImageStorage;
import io.homeacs.server.store.Database;
import io.homeacs.server.testsupport.PostgresDatabase;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** V14's catalogue and trusted keys behave the same on H2 and PostgreSQL. */
class FirmwareCatalogOnBothDatabasesTest {
    @TempDir
    static Path dataDir;
    static PostgresDatabase pg;
    static final List<Database> OPEN = new ArrayList<>();

    @BeforeAll
    static void createPostgres() {
        pg = PostgresDatabase.create();
    }

    @AfterAll
    static void closeAll() {
        OPEN.forEach(Database::close);
        pg.close();
    }

    static Stream<String> stores() {
        return Stream.of("h2", "postgresql");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void imagesAreStoredListedWithdrawnOnceAndKeysManaged(String store) throws Exception {
        Database db = open(store);
        Instant now = Instant.parse("2026-11-22T01:30:00.123456Z");
        TrustedKeys keys = new TrustedKeys(db, dataDir.resolve(store + "-no-keys"));
        FirmwareImages images = new FirmwareImages(db, new DiskImageStorage(dataDir.resolve(store + "-images")), keys,
            new DownloadLinks(new byte[32]), new DownloadBase("http://files.example:7550", "http", 7550, null),
            new FirmwareImages.Settings(10_000_000, Duration.ofHours(1)), Clock.fixed(now, ZoneOffset.UTC));

        KeyPair k = Ed25519Keys.generate();
        TrustedKeys.TrustedKey added = keys.add("ops", Ed25519Keys.publicPem(k.getPublic()), "admin", now);
        assertThat(keys.list()).extracting(TrustedKeys.TrustedKey::keyId).containsExactly(added.keyId());
        assertThat(keys.list().get(0).addedAt()).isEqualTo(now);
        assertThatThrownBy(() -> keys.add("ops again", Ed25519Keys.publicPem(k.getPublic()), "admin", now))
            .isInstanceOf(FirmwareException.class).hasMessageContaining("already trusted");

        byte[] p1 = FirmwareFixtures.payload(4000, 1);
        ImageManifest m1 = FirmwareFixtures.manifest("Acme", "GW1", "1.2.10", p1, "[1.2,1.2.10)");
        FirmwareImage a = images.upload(new ByteArrayInputStream(FirmwareFixtures.container(m1, p1, k)), "admin");
        byte[] p2 = FirmwareFixtures.payload(3000, 2);
        ImageManifest m2 = FirmwareFixtures.manifest("Zed", "Z1", "V100R003C10SPC200", p2);
        FirmwareImage b = images.upload(new ByteArrayInputStream(FirmwareFixtures.container(m2, p2, k)), "ops");

        FirmwareImage read = images.get(a.id());
        assertThat(read.manifest()).isEqualTo(m1);
        assertThat(read.uploadedAt()).isEqualTo(now);
        assertThat(read.keyId()).isEqualTo(added.keyId());
        assertThat(read.fileSha256()).isEqualTo(FirmwareFixtures.sha256(FirmwareFixtures.container(m1, p1, k)));
        assertThat(images.list(null, null, 10)).extracting(FirmwareImage::id).containsExactly(b.id(), a.id());
        assertThat(images.list("Acme", ImageState.ACTIVE, 10)).extracting(FirmwareImage::id).containsExactly(a.id());
        assertThatThrownBy(() -> images.upload(new ByteArrayInputStream(FirmwareFixtures.container(m1, p1, k)), "admin"))
            .isInstanceOf(FirmwareException.class).hasMessageContaining("already in the catalogue");

        FirmwareImage w = images.withdraw(a.id(), "admin", "recall");
        assertThat(w.state()).isEqualTo(ImageState.WITHDRAWN);
        assertThat(w.withdrawnAt()).isEqualTo(now);
        assertThatThrownBy(() -> images.withdraw(a.id(), "admin", "recall")).isInstanceOf(FirmwareException.class)
            .hasMessageContaining("already withdrawn");
        assertThat(images.list(null, ImageState.WITHDRAWN, 10)).extracting(FirmwareImage::id).containsExactly(a.id());

        assertThat(keys.remove(added.keyId())).isTrue();
        assertThat(keys.verifier().hasKeys()).isFalse();
        assertThat(keys.remove(added.keyId())).isFalse();
    }

    private static Database open(String store) {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.resolve(store).toString()));
        if (store.equals("postgresql")) {
            args.addAll(List.of("--db-url", pg.url(), "--db-user", pg.user(), "--db-password", PostgresDatabase.password()));
        }
        Database db = Database.open(new ConfigLoader().load(args, Map.of()).database());
        OPEN.add(db);
        return db;
    }
}
