package io.homeacs.server.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeacs.server.device.ParamValue;
import io.homeacs.server.device.ParameterDocument;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class MeshSvgTest {

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rendersWellFormedSvgWithEveryNodeLinkAndClient() throws Exception {
        ParameterDocument doc = MeshFixtures.controller(60, 100, 50);
        // A hostile name must not break the document.
        doc.merge(List.of(new ParamValue(MeshFixtures.N + "Device.2.SerialNumber", "<SAT&\"1\">", "xsd:string")),
            MeshFixtures.T0);
        MeshTopology t = TopologyBuilder.build(9, new TopologyBuilder.Held(MeshFixtures.device(1, "GW1"), doc), List.of());
        String svg = MeshSvg.render(t, Thresholds.DEFAULTS);

        Document d = parse(svg);
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(d.getElementsByTagName("g").getLength()).isEqualTo(3);
        assertThat(d.getElementsByTagName("line").getLength()).isEqualTo(2);
        assertThat(d.getElementsByTagName("circle").getLength()).isEqualTo(3);
        assertThat(svg).contains("Satellite &lt;SAT&amp;&quot;1&quot;&gt;").contains("Wi-Fi -80 dBm 80 Mbit/s")
            .contains("stroke=\"#f0ad4e\"").contains("stroke-dasharray");
    }
}
