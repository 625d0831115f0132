package io.homeacs.server.cwmp.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/** Decodes the CPE-initiated requests; each method starts on the method element and consumes it. */
final class CpeRequestDecoder {

    private CpeRequestDecoder() {
    }

    static Inform inform(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        DeviceIdStruct deviceId = null;
        List<EventStruct> events = List.of();
        int maxEnvelopes = 1;
        String currentTime = "";
        int retryCount = 0;
        List<ParameterValue> parameters = List.of();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "DeviceId" -> deviceId = deviceId(c);
                case "Event" -> events = events(c);
                case "MaxEnvelopes" -> maxEnvelopes = c.intValue();
                case "CurrentTime" -> currentTime = c.token();
                case "RetryCount" -> retryCount = c.intValue();
                case "ParameterList" -> parameters = StructDecoder.parameterValues(c);
                default -> c.skip();
            }
        }
        // Without a DeviceId the ACS cannot tell which device is talking, so the Inform is unusable.
        if (deviceId == null) {
            throw new InvalidArgumentException("Inform without DeviceId");
        }
        return new Inform(deviceId, events, maxEnvelopes, currentTime, retryCount, parameters);
    }

    private static DeviceIdStruct deviceId(XmlCursor c) throws XMLStreamException {
        String manufacturer = "";
        String oui = "";
        String productClass = "";
        String serial = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Manufacturer" -> manufacturer = c.token();
                case "OUI" -> oui = c.token();
                case "ProductClass" -> productClass = c.token();
                case "SerialNumber" -> serial = c.token();
                default -> c.skip();
            }
        }
        return new DeviceIdStruct(manufacturer, oui, productClass, serial);
    }

    private static List<EventStruct> events(XmlCursor c) throws XMLStreamException {
        List<EventStruct> list = new ArrayList<>(4);
        while (c.nextChild()) {
            String code = "";
            String key = "";
            while (c.nextChild()) {
                switch (c.localName()) {
                    case "EventCode" -> code = c.token();
                    case "CommandKey" -> key = c.text();
                    default -> c.skip();
                }
            }
            list.add(new EventStruct(code, key));
        }
        return list;
    }

    static TransferComplete transferComplete(XmlCursor c) throws XMLStreamException, InvalidArgumentException {
        String key = "";
        FaultStruct fault = FaultStruct.NONE;
        String start = "";
        String complete = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "CommandKey" -> key = c.text();
                case "FaultStruct" -> fault = StructDecoder.fault(c);
                case "StartTime" -> start = c.token();
                case "CompleteTime" -> complete = c.token();
                default -> c.skip();
            }
        }
        return new TransferComplete(key, fault, start, complete);
    }

    static AutonomousTransferComplete autonomousTransferComplete(XmlCursor c)
            throws XMLStreamException, InvalidArgumentException {
        String announceUrl = "";
        String transferUrl = "";
        boolean isDownload = false;
        String fileType = "";
        long fileSize = 0;
        String target = "";
        FaultStruct fault = FaultStruct.NONE;
        String start = "";
        String complete = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "AnnounceURL" -> announceUrl = c.token();
                case "TransferURL" -> transferUrl = c.token();
                case "IsDownload" -> isDownload = c.booleanValue();
                case "FileType" -> fileType = c.token();
                case "FileSize" -> fileSize = c.longValue();
                case "TargetFileName" -> target = c.text();
                case "FaultStruct" -> fault = StructDecoder.fault(c);
                case "StartTime" -> start = c.token();
                case "CompleteTime" -> complete = c.token();
                default -> c.skip();
            }
        }
        return new AutonomousTransferComplete(announceUrl, transferUrl, isDownload, fileType, fileSize, target,
                fault, start, complete);
    }

    static RequestDownload requestDownload(XmlCursor c) throws XMLStreamException {
        String fileType = "";
        List<ArgStruct> args = List.of();
        while (c.nextChild()) {
            switch (c.localName()) {
                case "FileType" -> fileType = c.token();
                case "FileTypeArg" -> args = args(c);
                default -> c.skip();
            }
        }
        return new RequestDownload(fileType, args);
    }

    private static List<ArgStruct> args(XmlCursor c) throws XMLStreamException {
        List<ArgStruct> list = new ArrayList<>();
        while (c.nextChild()) {
            String name = "";
            String value = "";
            while (c.nextChild()) {
                switch (c.localName()) {
                    case "Name" -> name = c.token();
                    case "Value" -> value = c.text();
                    default -> c.skip();
                }
            }
            list.add(new ArgStruct(name, value));
        }
        return list;
    }

    static DuStateChangeComplete duStateChangeComplete(XmlCursor c)
            throws XMLStreamException, InvalidArgumentException {
        List<OpResult> results = new ArrayList<>();
        String key = "";
        while (c.nextChild()) {
            switch (c.localName()) {
                case "Results" -> StructDecoder.opResults(c, results);
                case "CommandKey" -> key = c.text();
                default -> c.skip();
            }
        }
        return new DuStateChangeComplete(key, results);
    }

    static AutonomousDuStateChangeComplete autonomousDuStateChangeComplete(XmlCursor c)
            throws XMLStreamException, InvalidArgumentException {
        List<OpResult> results = new ArrayList<>();
        while (c.nextChild()) {
            if ("Results".equals(c.localName())) {
                StructDecoder.opResults(c, results);
            } else {
                c.skip();
            }
        }
        return new AutonomousDuStateChangeComplete(results);
    }

    static CpeGetRpcMethods getRpcMethods(XmlCursor c) throws XMLStreamException {
        c.skip();
        return new CpeGetRpcMethods();
    }
}
