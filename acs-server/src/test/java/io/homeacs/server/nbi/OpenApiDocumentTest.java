package io.homeacs.server.nbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.homeacs.server.json.Json;
import io.homeacs.server.json.JsonFields;
import io.homeacs.server.security.Role;
import io.homeacs.server.task.TaskSpec;
import io.homeacs.server.task.TaskSpecCodec;
import io.homeacs.server.task.TaskType;
import io.homeacs.server.testsupport.Onboarding;
import io.homeacs.server.testsupport.ScriptedCpe;
import io.homeacs.server.testsupport.TestAcs;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps openapi.json honest: it must be a well-formed OpenAPI 3.0 document, describe exactly the
 * operations, parameters, roles and task types the code has, and be served without a token.
 */
class OpenApiDocumentTest {

    /** Every resource registered in ApiServer; {@link #everyResourceClassIsListed} notices a new one. */
    private static final List<Class<?>> RESOURCES = List.of(DevicesResource.class, TasksResource.class,
        AccessResource.class, AuditResource.class, BulkResource.class, WebhooksResource.class, NormalizationResource.class, MetricsResource.class, OpenApiResource.class,
        PlansResource.class, SubscribersResource.class, OrdersResource.class, ServiceActionsResource.class,
        ProfilesResource.class, DeviceProfilesResource.class, FaultReportsResource.class, DeviceHealthResource.class,
        EquipmentResource.class, EvidenceResource.class, EquipmentCatalogResource.class,
        DeviceDiagnosticsResource.class, DiagnosticsResource.class, ReportsResource.class,
        CampaignsResource.class, FirmwareResource.class,
        MeshResource.class, MeshSvgResource.class, MeshTemplatesResource.class);

    /** Operations, query parameters and device fields documented ahead of their code; empty when in step. */
    private static final Set<String> OPERATIONS_DOCUMENTED_BEFORE_CODE = Set.of();
    private static final Set<String> QUERY_PARAMS_DOCUMENTED_BEFORE_CODE = Set.of();
    private static final Set<String> DEVICE_FIELDS_DOCUMENTED_BEFORE_CODE = Set.of();

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Set<String> COMMON_TASK_FIELDS = Set.of("type", "connectionRequest", "waitSeconds", "expiresInSeconds");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}");

    private final Map<String, Object> doc = load();

    @TempDir
    Path dataDir;

    /** One operation the code serves: "GET /api/v1/devices/{}" plus what the test compares. */
    private record CodeOperation(String key, Method method, Set<String> queryParams, Set<String> pathParams) {
    }

    // ---- (a) the document itself ----

    @Test
    void isAnOpenApi30DocumentWithIdentifiedOperations() {
        assertThat((String) doc.get("openapi")).startsWith("3.0.");
        assertThat(obj(doc.get("info"))).containsEntry("title", "HomeACS").containsEntry("version", "0.1.0");
        assertThat(obj(obj(obj(doc.get("components")).get("securitySchemes")).get("bearerAuth")))
            .containsEntry("type", "http").containsEntry("scheme", "bearer");
        Set<String> ids = new HashSet<>();
        documentedOperations().forEach((key, op) -> {
            assertThat(op.get("operationId")).as("operationId of " + key).isInstanceOf(String.class);
            assertThat(ids.add((String) op.get("operationId"))).as("operationId of " + key + " is unique").isTrue();
            assertThat(obj(op.get("responses"))).as("responses of " + key).isNotEmpty();
            assertThat((String) op.get("summary")).as("summary of " + key).isNotBlank();
            assertThat((String) op.get("description")).as("description of " + key).contains("**Roles:**");
            boolean isPublic = op.containsKey("security") && list(op.get("security")).isEmpty();
            assertThat(isPublic || op.get("x-roles") instanceof List<?> l && !l.isEmpty())
                .as(key + " is public or names its roles in x-roles").isTrue();
            // A binary upload (a firmware image) has nothing to show as an example; JSON bodies must have one.
            if (op.containsKey("requestBody") && !obj(obj(op.get("requestBody")).get("content")).containsKey("application/octet-stream")) {
                Map<String, Object> media = obj(obj(obj(op.get("requestBody")).get("content")).get("application/json"));
                assertThat(media.containsKey("example") || media.containsKey("examples"))
                    .as("request example of " + key).isTrue();
            }
            obj(op.get("responses")).forEach((status, r) -> {
                Map<String, Object> response = resolve(r);
                if (response.containsKey("content")) {
                    obj(response.get("content")).forEach((type, media) -> assertThat(
                        obj(media).containsKey("example") || obj(media).containsKey("examples"))
                        .as("example of " + key + " " + status + " " + type).isTrue());
                }
            });
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            Object at = doc;
            for (String part : ref.substring(2).split("/")) {
                assertThat(at).as(ref).isInstanceOf(Map.class);
                at = obj(at).get(part);
            }
            assertThat(at).as(ref).isNotNull();
        }
    }

    // ---- (b) drift guard: code and document describe the same API ----

    @Test
    void everyResourceClassIsListed() throws IOException, URISyntaxException {
        // The classes directory of the build; under another packaging this check has nothing to scan.
        Path classes = Path.of(DevicesResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path nbi = classes.resolve(DevicesResource.class.getPackageName().replace('.', '/'));
        assertThat(nbi).isDirectory();
        Set<Class<?>> annotated = new HashSet<>();
        try (Stream<Path> files = Files.list(nbi)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = loadClass(DevicesResource.class.getPackageName() + "." + name.replace(".class", ""));
                    if (c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        annotated.add(c);
                    }
                }
            }
        }
        assertThat(annotated).as("@Path classes in nbi; add new ones to RESOURCES and to openapi.json")
            .containsExactlyInAnyOrderElementsOf(RESOURCES);
    }

    @Test
    void everyOperationInCodeIsDocumentedAndViceVersa() {
        Map<String, CodeOperation> code = codeOperations();
        Map<String, Map<String, Object>> documented = documentedOperations();
        Set<String> undocumented = new TreeSet<>(code.keySet());
        undocumented.removeAll(documented.keySet());
        assertThat(undocumented).as("operations the code serves but openapi.json lacks").isEmpty();
        Set<String> notInCode = new TreeSet<>(documented.keySet());
        notInCode.removeAll(code.keySet());
        notInCode.removeAll(OPERATIONS_DOCUMENTED_BEFORE_CODE);
        assertThat(notInCode).as("operations documented but not served by the code").isEmpty();
    }

    @Test
    void parametersMatchTheCode() {
        Map<String, Map<String, Object>> documented = documentedOperations();
        for (CodeOperation op : codeOperations().values()) {
            Map<String, Object> d = documented.get(op.key());
            if (d == null) {
                continue; // reported by everyOperationInCodeIsDocumentedAndViceVersa
            }
            Set<String> docQuery = new TreeSet<>();
            Set<String> docPath = new TreeSet<>();
            for (Object p : list(d.get("x-all-parameters"))) {
                Map<String, Object> param = obj(p);
                ("query".equals(param.get("in")) ? docQuery : docPath).add((String) param.get("name"));
            }
            assertThat(docPath).as("path parameters of " + op.key()).isEqualTo(op.pathParams());
            Set<String> missingInCode = new TreeSet<>(docQuery);
            missingInCode.removeAll(op.queryParams());
            missingInCode.removeIf(n -> QUERY_PARAMS_DOCUMENTED_BEFORE_CODE.contains(op.key() + "?" + n));
            assertThat(missingInCode).as("query parameters documented for " + op.key() + " but not in code").isEmpty();
            Set<String> undocumented = new TreeSet<>(op.queryParams());
            undocumented.removeAll(docQuery);
            assertThat(undocumented).as("query parameters of " + op.key() + " missing from openapi.json").isEmpty();
        }
        // Each documented path's template names must be declared as path parameters, in code or not.
        documentedOperations().forEach((key, op) -> {
            Set<String> declared = list(op.get("x-all-parameters")).stream().map(OpenApiDocumentTest::obj)
                .filter(p -> "path".equals(p.get("in"))).map(p -> (String) p.get("name")).collect(Collectors.toSet());
            assertThat(declared).as("path parameters of " + key).isEqualTo(templateNames((String) op.get("x-path")));
        });
    }

    @Test
    void rolesAndPublicAccessMatchTheCode() {
        Map<String, Map<String, Object>> documented = documentedOperations();
        for (CodeOperation op : codeOperations().values()) {
            Map<String, Object> d = documented.get(op.key());
            if (d == null) {
                continue;
            }
            boolean documentedPublic = d.containsKey("security") && list(d.get("security")).isEmpty();
            assertThat(documentedPublic).as(op.key() + " is public (security: [])")
                .isEqualTo(op.method().isAnnotationPresent(Public.class));
            if (!documentedPublic) {
                Allowed allowed = op.method().getAnnotation(Allowed.class);
                assertThat(allowed).as("@Allowed on " + op.key()).isNotNull();
                Set<String> roles = Arrays.stream(allowed.value()).map(Role::apiName).collect(Collectors.toSet());
                assertThat(Set.copyOf(list(d.get("x-roles")))).as("x-roles of " + op.key()).isEqualTo(roles);
                for (String role : roles) {
                    assertThat((String) d.get("description")).as("roles in description of " + op.key()).contains(role);
                }
            }
        }
    }

    @Test
    void taskRequestHasOneSchemaPerCreatableTypeWithTheCodecsFields() {
        Map<String, Object> schemas = obj(obj(doc.get("components")).get("schemas"));
        Map<String, Object> mapping = obj(obj(obj(schemas.get("TaskRequest")).get("discriminator")).get("mapping"));
        Set<String> creatable = Arrays.stream(TaskType.values()).filter(t -> t != TaskType.PROVISION_CREDENTIALS)
            .map(TaskType::apiName).collect(Collectors.toSet());
        assertThat(mapping.keySet()).isEqualTo(creatable);
        assertThat(list(obj(schemas.get("TaskRequest")).get("oneOf"))).hasSize(creatable.size());
        assertThat(obj(obj(schemas.get("TaskRequestCommon")).get("properties")).keySet()).isEqualTo(COMMON_TASK_FIELDS);
        assertThat(Set.copyOf(list(obj(obj(obj(schemas.get("Task")).get("properties")).get("type")).get("enum"))))
            .isEqualTo(Arrays.stream(TaskType.values()).map(TaskType::apiName).collect(Collectors.toSet()));

        mapping.forEach((name, ref) -> {
            Map<String, Object> variant = resolve(Map.of("$ref", ref));
            List<Object> parts = list(variant.get("allOf"));
            assertThat(obj(parts.get(0))).containsEntry("$ref", "#/components/schemas/TaskRequestCommon");
            Map<String, Object> own = obj(obj(parts.get(1)).get("properties"));
            assertThat(list(obj(own.get("type")).get("enum"))).as("type enum of " + name).containsExactly(name);
            // The example must be a request the API accepts, and the stored form must have exactly the documented fields.
            TaskSpec spec = TaskSpecCodec.fromJson(new JsonFields(obj(variant.get("example"))));
            assertThat(spec.type().apiName()).isEqualTo(name);
            Set<String> stored = new TreeSet<>(TaskSpecCodec.toJson(spec, false).keySet());
            stored.remove("type");
            Set<String> fields = new TreeSet<>(own.keySet());
            fields.remove("type");
            assertThat(fields).as("fields of " + name).isEqualTo(stored);
        });

        Map<String, Object> create = documentedOperations().get("POST /api/v1/devices/{}/tasks");
        Map<String, Object> examples = obj(obj(obj(obj(create.get("requestBody")).get("content"))
            .get("application/json")).get("examples"));
        examples.forEach((name, example) -> {
            Map<String, Object> body = obj(obj(example).get("value"));
            assertThat(TaskSpecCodec.fromJson(new JsonFields(body)).type().apiName()).as(name).isEqualTo(body.get("type"));
        });
    }

    // ---- (c) served over HTTP, and the shapes the server really returns ----

    @Test
    void servedWithoutTokenAndMatchingRealResponses() throws IOException, InterruptedException {
        try (TestAcs acs = TestAcs.start(dataDir)) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + acs.server.apiPort() + "/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
            assertThat(Json.parse(reply.body())).isEqualTo(doc);

            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00D09E", "HGW", "OAS0001", "bootstrap", "bootstrap");
            Onboarding.run(cpe);
            Map<String, Object> schemas = obj(obj(doc.get("components")).get("schemas"));
            Set<String> deviceFields = obj(obj(schemas.get("Device")).get("properties")).keySet();

            Map<String, Object> list = acs.get("/api/v1/devices").json();
            assertThat(list.keySet()).isEqualTo(obj(obj(schemas.get("DeviceList")).get("properties")).keySet());
            assertShape("device in list", obj(list(list.get("devices")).get(0)).keySet(), deviceFields,
                DEVICE_FIELDS_DOCUMENTED_BEFORE_CODE);

            Set<String> detailFields = new LinkedHashSet<>(deviceFields);
            detailFields.addAll(List.of("parameters", "recentEvents"));
            assertShape("device detail", acs.get("/api/v1/devices/" + cpe.deviceKey()).json().keySet(), detailFields,
                DEVICE_FIELDS_DOCUMENTED_BEFORE_CODE);

            TestAcs.ApiReply created = acs.post("/api/v1/devices/" + cpe.deviceKey() + "/tasks", "{\"type\":\"getRpcMethods\"}");
            assertThat(created.status()).isEqualTo(201);
            Map<String, Object> task = obj(schemas.get("Task"));
            Set<String> optional = new HashSet<>(obj(task.get("properties")).keySet());
            list(task.get("required")).forEach(optional::remove);
            assertShape("task", created.json().keySet(), obj(task.get("properties")).keySet(), optional);
        }
    }

    /** Subscribers, plans, orders, steps, assignments and service actions as the server returns them. */
    @Test
    void provisioningResponsesMatchTheirSchemas() {
        try (TestAcs acs = TestAcs.start(dataDir)) {
            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "OAS0002", "bootstrap", "bootstrap");
            Onboarding.run(cpe);
            TestAcs.ApiReply plan = acs.post("/api/v1/plans", "{\"code\":\"FTTH-300\",\"name\":\"Fibre 300M\","
                + "\"downMbps\":300,\"upMbps\":50,\"defaults\":{\"wanVlan\":41}}");
            assertThat(plan.status()).as(plan.body()).isEqualTo(201);
            assertMatches("plan", plan.json(), "ServicePlan");
            assertMatches("plan defaults", obj(plan.json().get("defaults")), "PlanDefaults");
            assertMatches("plan list", acs.get("/api/v1/plans").json(), "ServicePlanList");

            TestAcs.ApiReply created = acs.post("/api/v1/subscribers", "{\"account\":\"GD-0001\",\"name\":\"Li Wei\","
                + "\"address\":\"12 Garden Rd\",\"plans\":[\"FTTH-300\"],\"settings\":{\"pppoeUsername\":\"gd0001\","
                + "\"pppoePassword\":\"s3cret-ppp\",\"wifiSsid\":\"LiHome\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertMatches("subscriber", created.json(), "Subscriber");
            assertShape("subscriber settings", obj(created.json().get("settings")).keySet(),
                obj(obj(obj(obj(doc.get("components")).get("schemas")).get("SubscriberSettings")).get("properties")).keySet(),
                obj(obj(obj(obj(doc.get("components")).get("schemas")).get("SubscriberSettings")).get("properties")).keySet());
            assertMatches("subscriber list", acs.get("/api/v1/subscribers").json(), "SubscriberList");

            TestAcs.ApiReply order = acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"OAS0002\"}");
            assertThat(order.status()).as(order.body()).isEqualTo(201);
            assertMatches("order", order.json(), "ServiceOrder");
            assertThat(order.json()).as("bound at once").containsKeys("steps", "subscriber").containsEntry("deviceId", 1L);
            assertMatches("order subscriber", obj(order.json().get("subscriber")), "OrderSubscriber");
            list(order.json().get("steps")).forEach(step -> assertMatches("commissioning step", obj(step), "CommissioningStep"));
            Map<String, Object> orders = acs.get("/api/v1/orders").json();
            assertMatches("order list", orders, "OrderList");
            assertThat(obj(list(orders.get("orders")).get(0))).as("orders in a list").doesNotContainKeys("steps", "subscriber");
            assertMatches("order in list", obj(list(orders.get("orders")).get(0)), "ServiceOrder");

            TestAcs.ApiReply suspended = acs.post("/api/v1/subscribers/1/suspend", "{\"reason\":\"arrears\"}");
            assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
            assertMatches("suspend result", suspended.json(), "ServiceChangeResult");
            assertThat(list(suspended.json().get("actions"))).isNotEmpty();
            assertMatches("service action", obj(list(suspended.json().get("actions")).get(0)), "ServiceAction");
            assertMatches("subscriber's actions", acs.get("/api/v1/subscribers/1/service-actions").json(), "ServiceActionList");
            assertMatches("all actions", acs.get("/api/v1/service-actions?pending=true").json(), "ServiceActionOverview");

            Map<String, Object> history = acs.get("/api/v1/subscribers/1/assignments").json();
            assertMatches("assignment list", history, "AssignmentList");
            assertMatches("assignment", obj(list(history.get("assignments")).get(0)), "Assignment");
        }
    }

    /** Fault reports through their life, the KPIs, and a device's health snapshot and samples as the server returns them. */
    @Test
    void faultReportAndHealthResponsesMatchTheirSchemas() {
        try (TestAcs acs = TestAcs.start(dataDir)) {
            // A TR-098 device whose key values were never read: its triage judges at once on what the ACS knows.
            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "OAS0003", "bootstrap", "bootstrap");
            cpe.root = "InternetGatewayDevice.";
            Onboarding.run(cpe);
            assertThat(acs.post("/api/v1/plans", "{\"code\":\"FTTH-300\",\"name\":\"Fibre 300M\",\"downMbps\":300,"
                + "\"upMbps\":50}").status()).isEqualTo(201);
            assertThat(acs.post("/api/v1/subscribers", "{\"account\":\"GD-0003\",\"name\":\"Wu Fang\","
                + "\"address\":\"8 Pine St\",\"plans\":[\"FTTH-300\"]}").status()).isEqualTo(201);
            assertThat(acs.post("/api/v1/orders", "{\"subscriberId\":1,\"serialNumber\":\"OAS0003\"}").json())
                .containsEntry("deviceId", 1L);

            TestAcs.ApiReply created = acs.post("/api/v1/fault-reports", "{\"subscriberId\":1,\"symptom\":\"slow\","
                + "\"description\":\"slow in the evenings\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json()).containsEntry("state", "triaged").containsEntry("deviceId", 1L);
            assertMatches("fault report", created.json(), "FaultReport");
            Map<String, Object> schemas = obj(obj(doc.get("components")).get("schemas"));
            Map<String, Object> verdict = obj(created.json().get("verdict"));
            assertMatches("verdict", verdict, "FaultVerdict");
            assertThat(list(obj(schemas.get("FaultCategory")).get("enum"))).contains(verdict.get("category"));
            Set<String> evidence = obj(obj(obj(obj(schemas.get("FaultVerdict")).get("properties")).get("evidence"))
                .get("properties")).keySet();
            assertShape("evidence", obj(verdict.get("evidence")).keySet(), evidence, evidence);

            assertMatches("fault report after action", acs.post("/api/v1/fault-reports/1/action",
                "{\"action\":\"Wi-Fi assessment offered\"}").json(), "FaultReport");
            Map<String, Object> restored = acs.post("/api/v1/fault-reports/1/restore", "{}").json();
            assertThat(restored).containsEntry("state", "restored").containsEntry("withinDeadline", true);
            assertMatches("restored fault report", restored, "FaultReport");
            Map<String, Object> reports = acs.get("/api/v1/fault-reports").json();
            assertMatches("fault report list", reports, "FaultReportList");
            assertMatches("fault report in list", obj(list(reports.get("reports")).get(0)), "FaultReport");
            Map<String, Object> kpis = acs.get("/api/v1/fault-reports/kpis").json();
            assertMatches("repair KPIs", kpis, "RepairKpis");
            // {} until a report under the operator's commitment is restored, then every percentile.
            Set<String> percentiles = obj(obj(obj(obj(schemas.get("RepairKpis")).get("properties")).get("repairSeconds"))
                .get("properties")).keySet();
            Set<String> measured = obj(kpis.get("repairSeconds")).keySet();
            assertShape("repair time percentiles", measured, percentiles, measured.isEmpty() ? percentiles : Set.of());

            assertMatches("health snapshot", acs.get("/api/v1/devices/1/health").json(), "HealthSnapshot");
            Map<String, Object> samples = acs.get("/api/v1/devices/1/health/samples").json();
            assertMatches("health samples", samples, "HealthSampleList");
            assertThat(list(samples.get("samples"))).as("the triage kept a sample").hasSize(1);
            assertMatches("health sample", obj(list(samples.get("samples")).get(0)), "HealthSample");
        }
    }

    /** Equipment records, evidence, pre-return checks, inspections and the catalogue as the server returns them. */
    @Test
    void lifecycleResponsesMatchTheirSchemas() {
        try (TestAcs acs = TestAcs.start(dataDir)) {
            ScriptedCpe cpe = new ScriptedCpe(acs.cwmpPort(), "00259E", "HG8245H", "OAS0003", "bootstrap", "bootstrap");
            Onboarding.run(cpe);
            assertMatches("equipment", acs.get("/api/v1/equipment/1").json(), "Equipment");
            TestAcs.ApiReply sw = acs.post("/api/v1/equipment-catalog/software", "{\"model\":\"*\",\"softwareVersion\":\"2.0\"}");
            assertThat(sw.status()).as(sw.body()).isEqualTo(201);
            assertMatches("approved software", sw.json(), "ApprovedSoftware");
            assertMatches("approved software list", acs.get("/api/v1/equipment-catalog/software").json(), "ApprovedSoftwareList");
            assertMatches("certified model", acs.post("/api/v1/equipment-catalog/models", "{\"model\":\"F660\"}").json(),
                "CertifiedModel");
            assertMatches("certified models", acs.get("/api/v1/equipment-catalog/models").json(), "CertifiedModelList");
            assertMatches("value table", acs.get("/api/v1/equipment-catalog/values").json(), "ValueTable");
            // A version outside the list and a model not certified: two pieces of evidence.
            cpe.inform(ScriptedCpe.events("1 BOOT"), List.of(new String[] {"Device.DeviceInfo.SoftwareVersion", "1.0"},
                new String[] {"Device.DeviceInfo.ModelName", "HG8245H"}));
            assertThat(cpe.emptyPost().status()).isEqualTo(204);
            Map<String, Object> evidence = acs.get("/api/v1/evidence").json();
            assertMatches("evidence list", evidence, "EvidenceList");
            assertThat(list(evidence.get("evidence"))).hasSize(2);
            assertMatches("evidence", obj(list(evidence.get("evidence")).get(0)), "Evidence");
            TestAcs.ApiReply check = acs.post("/api/v1/equipment/1/pre-return-checks", "{\"wake\":false}");
            assertThat(check.status()).as(check.body()).isEqualTo(201);
            assertMatches("pre-return check", check.json(), "PreReturnCheck");
            list(check.json().get("items")).forEach(item -> assertMatches("check item", obj(item), "CheckItem"));
            assertMatches("pre-return checks", acs.get("/api/v1/equipment/1/pre-return-checks").json(), "PreReturnCheckList");
            TestAcs.ApiReply inspection = acs.post("/api/v1/equipment/1/inspections", "{\"returned\":false}");
            assertThat(inspection.status()).as(inspection.body()).isEqualTo(201);
            assertMatches("inspection", inspection.json(), "Inspection");
            assertMatches("inspections", acs.get("/api/v1/equipment/1/inspections").json(), "InspectionList");
            assertMatches("dismissed", acs.post("/api/v1/evidence/1/dismiss", "{\"reason\":\"test\"}").json(), "Evidence");
        }
    }

    /** The object has exactly the schema's properties, lacking only those the schema does not require. */
    private void assertMatches(String what, Map<String, Object> actual, String schema) {
        Map<String, Object> s = obj(obj(obj(doc.get("components")).get("schemas")).get(schema));
        Set<String> optional = new HashSet<>(obj(s.get("properties")).keySet());
        if (s.containsKey("required")) {
            list(s.get("required")).forEach(optional::remove);
        }
        assertShape(what, actual.keySet(), obj(s.get("properties")).keySet(), optional);
    }

    /** actual must only have documented fields, and lack only those allowed to be absent. */
    private static void assertShape(String what, Set<String> actual, Set<String> documented, Set<String> mayLack) {
        assertThat(documented).as("undocumented fields of " + what).containsAll(actual);
        Set<String> lacking = new TreeSet<>(documented);
        lacking.removeAll(actual);
        lacking.removeAll(mayLack);
        assertThat(lacking).as("documented fields missing from a real " + what).isEmpty();
    }

    // ---- helpers ----

    private static Map<String, Object> load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
            assertThat(in).as(OpenApiResource.RESOURCE).isNotNull();
            return Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Documented operations keyed like the code's. Each map is the operation plus two test-only
     * entries: x-path (the template as written) and x-all-parameters (path-level and operation
     * parameters, references resolved).
     */
    private Map<String, Map<String, Object>> documentedOperations() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        obj(doc.get("paths")).forEach((path, item) -> {
            Map<String, Object> pathItem = obj(item);
            List<Object> shared = pathItem.containsKey("parameters") ? list(pathItem.get("parameters")) : List.of();
            pathItem.forEach((method, op) -> {
                if (!HTTP_METHODS.contains(method)) {
                    return;
                }
                Map<String, Object> o = new LinkedHashMap<>(obj(op));
                List<Object> params = new ArrayList<>();
                Stream.concat(shared.stream(), o.containsKey("parameters") ? list(o.get("parameters")).stream() : Stream.empty())
                    .map(this::resolve).forEach(params::add);
                o.put("x-path", path);
                o.put("x-all-parameters", params);
                out.put(method.toUpperCase(Locale.ROOT) + " " + normalise(path), o);
            });
        });
        return out;
    }

    private static Map<String, CodeOperation> codeOperations() {
        Map<String, CodeOperation> out = new TreeMap<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method m : resource.getMethods()) {
                String http = httpMethod(m);
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                if (http == null) {
                    if (sub != null) {
                        fail(resource.getSimpleName() + "." + m.getName() + " is a sub-resource locator; teach this test about it");
                    }
                    continue;
                }
                String path = sub == null ? base : base + "/" + sub.value();
                Set<String> query = new TreeSet<>();
                Set<String> pathParams = new TreeSet<>();
                for (Parameter p : m.getParameters()) {
                    QueryParam q = p.getAnnotation(QueryParam.class);
                    PathParam pp = p.getAnnotation(PathParam.class);
                    if (q != null) {
                        query.add(q.value());
                    }
                    if (p.isAnnotationPresent(jakarta.ws.rs.BeanParam.class)) {
                        for (java.lang.reflect.Field f : p.getType().getDeclaredFields()) {
                            QueryParam fq = f.getAnnotation(QueryParam.class);
                            if (fq != null) {
                                query.add(fq.value());
                            }
                        }
                    }
                    if (pp != null) {
                        pathParams.add(pp.value());
                    }
                }
                String key = http + " " + normalise(path);
                assertThat(out).as("two methods serve " + key).doesNotContainKey(key);
                out.put(key, new CodeOperation(key, m, query, pathParams));
            }
        }
        return out;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    /** "/api/v1//devices/{id: \d+}/" and "/api/v1/devices/{key}" both become "/api/v1/devices/{}". */
    static String normalise(String path) {
        String p = TEMPLATE.matcher(path).replaceAll("{}").replaceAll("/+", "/");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static Set<String> templateNames(String path) {
        Set<String> names = new TreeSet<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private Map<String, Object> resolve(Object node) {
        Map<String, Object> m = obj(node);
        while (m.get("$ref") instanceof String ref) {
            Object at = doc;
            for (String part : ref.substring(2).split("/")) {
                at = obj(at).get(part);
            }
            assertThat(at).as(ref).isNotNull();
            m = obj(at);
        }
        return m;
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("$ref") instanceof String ref) {
                refs.add(ref);
            }
            m.values().forEach(v -> collectRefs(v, refs));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectRefs(v, refs));
        }
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }
}
